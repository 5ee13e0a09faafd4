package dev.guardrails.plugin.cmp;

import dev.guardrails.plugin.engine.Engines;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guardrails cmp generate}: Argo CD's generate command. Prints only manifests on stdout; on a
 * block, a render failure or an unintended empty output it exits 1 with the reason on stderr, which
 * Argo CD shows in the Application's {@code ComparisonError}.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, description = {
        "Render the app in the current directory (Argo CD's work dir), check it and print the manifests.",
        "Reads ARGOCD_APP_*, KUBE_VERSION, KUBE_API_VERSIONS, ARGOCD_ENV_* and ARGOCD_APP_PARAMETERS.",
        "Exit codes: 0 manifests on stdout, 1 blocked, render failed, empty output or bad parameters."})
public final class CmpGenerateCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "App directory. Default: the current directory.")
    Path dir;

    @Override
    public Integer call() {
        // UTF-8 whatever the locale: sidecars often run without LANG, and manifests are UTF-8.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), false, StandardCharsets.UTF_8);
        CmpOutcome outcome;
        try {
            Path appDir = dir != null ? dir : Path.of("").toAbsolutePath();
            outcome = new CmpGenerator(Engines.create(), Clock.systemUTC()).generate(appDir, System.getenv());
        } catch (RuntimeException e) {
            err.println("guardrails: internal error: " + e);
            err.flush();
            return 1;
        }
        if (outcome.ok()) {
            out.print(outcome.manifests());
            out.flush();
        }
        if (!outcome.messages().isEmpty()) {
            err.println(outcome.messages());
            err.flush();
        }
        return outcome.exitCode();
    }
}
