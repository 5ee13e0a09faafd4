package dev.guardrails.plugin.cli;

import dev.guardrails.argocd.app.RepoScan;
import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.scanner.config.ConfigException;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.source.GitCheckout;
import dev.guardrails.scanner.source.SourceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code guardrails scan}: render every app of a repo and report guardrail findings. */
@Command(name = "scan", description = {
        "Render every app of a GitOps repo (plain YAML, Kustomize, Helm) and check it against the guardrails.",
        "Exit codes: 0 no blocking finding, 1 enforce-mode findings (including apps that were skipped, failed",
        "or found empty, unless .guardrails.yaml sets that reason's mode lower), 2 usage or internal error."},
        mixinStandardHelpOptions = true)
public final class ScanCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
            description = "A directory, or a Git URL (https://, file://, ssh). Default: the current directory.")
    String target = ".";

    @Option(names = "--ref", paramLabel = "REV",
            description = "Git revision to scan (branch, tag or SHA). Clones TARGET into a temporary directory.")
    String ref;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Policy file. Default: .guardrails.yaml at the repo root, if present.")
    Path config;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT[=FILE]",
            description = "Report format: text, json, sarif, junit, markdown; repeatable; '=FILE' writes to a file. Default: text.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME", description = "Apply this environment profile to every app.")
    String profile;

    @Option(names = "--mode", paramLabel = "MODE", description = "Override the default mode (off, audit, warn, enforce).")
    String mode;

    @Option(names = "--kube-version", paramLabel = "VERSION", description = "Target Kubernetes version for API deprecations.")
    String kubeVersion;

    @Option(names = {"-j", "--parallelism"}, paramLabel = "N", description = "Apps rendered at once. Default: CPU count.")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding an HTTPS Git token. Default: ${DEFAULT-VALUE}.")
    String tokenEnv = "GUARDRAILS_GIT_TOKEN";

    @Option(names = "--no-color", description = "Never colour text output (also honoured: NO_COLOR).")
    boolean noColor;

    @Option(names = "--apps", paramLabel = "MODE", description = {
            "Which apps to scan: argocd (render every Argo CD Application and ApplicationSet the way Argo CD",
            "would, following app-of-apps), directories (discover apps from the directory layout), or auto:",
            "argocd when some Application points at this repo, else directories. Default: ${DEFAULT-VALUE}."})
    String apps = "auto";

    @Option(names = "--repo-url", paramLabel = "URL", description = {
            "A repoURL that means this checkout (repeatable). The origin remote (and a Git TARGET) count already;",
            "sources from other repositories are skipped with a note."})
    List<String> repoUrls = new ArrayList<>();

    @Option(names = "--app-timeout", paramLabel = "SECONDS", description = {
            "One deadline per app for rendering, parsing and every check (CEL rules included); an app past it",
            "is reported as app-timeout (not checked). 0 means none. Default: ${DEFAULT-VALUE}."})
    long appTimeoutSeconds = ScanOptions.DEFAULT_APP_TIMEOUT.toSeconds();

    @Option(names = "--scan-timeout", paramLabel = "SECONDS", description = {
            "One deadline for the whole scan; apps not finished by then are reported as app-timeout.",
            "0 means none. Default: ${DEFAULT-VALUE}."})
    long scanTimeoutSeconds = ScanOptions.DEFAULT_SCAN_TIMEOUT.toSeconds();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            GuardrailsEngine engine = Engines.create();
            ConfigLoader loader = new ConfigLoader(Engines.ruleIds(engine));
            List<ReportTarget> outputs = ReportTarget.parseAll(formats, colour());
            ScanReport report;
            if (ref != null || GitCheckout.isRemote(target)) {
                try (GitCheckout checkout = GitCheckout.clone(target, ref, Optional.ofNullable(System.getenv(tokenEnv)))) {
                    List<String> urls = new ArrayList<>(repoUrls);
                    if (GitCheckout.isRemote(target)) {
                        urls.add(target); // a local clone keeps its source's origin URL instead
                    }
                    report = scan(engine, loader, checkout.root(), GitCheckout.redact(target), checkout.commit(), urls);
                }
            } else {
                Path root = Path.of(target).toAbsolutePath().normalize();
                if (!Files.isDirectory(root)) {
                    err.println("guardrails: " + target + " is not a directory or a Git URL");
                    return ExitCode.ERROR.code();
                }
                report = scan(engine, loader, root, target, GitCheckout.headOf(root).orElse(""), repoUrls);
            }
            for (ReportTarget out : outputs) {
                out.write(report, spec.commandLine().getOut());
            }
            return report.blocking().isEmpty() ? ExitCode.CLEAN.code() : ExitCode.BLOCKED.code();
        } catch (ConfigException | SourceException | IllegalArgumentException e) {
            err.println("guardrails: " + e.getMessage());
            return ExitCode.ERROR.code();
        } catch (IOException | RuntimeException e) {
            err.println("guardrails: internal error: " + e);
            return ExitCode.ERROR.code();
        }
    }

    private ScanReport scan(GuardrailsEngine engine, ConfigLoader loader, Path root, String shownTarget, String revision,
                            List<String> urls) throws ConfigException, IOException {
        GuardrailsConfig policy = config != null ? loader.load(config, config.toString()) : loader.loadFromRepo(root);
        if (mode != null) {
            policy = policy.withMode(Mode.parse(mode));
        }
        if (kubeVersion != null) {
            policy = policy.withKubeVersion(KubeVersion.parse(kubeVersion));
        }
        if (appTimeoutSeconds < 0 || scanTimeoutSeconds < 0) {
            throw new IllegalArgumentException("--app-timeout and --scan-timeout must be 0 (none) or a number of seconds");
        }
        ScanOptions options = new ScanOptions(profile, parallelism, Clock.systemUTC(),
                Duration.ofSeconds(appTimeoutSeconds), Duration.ofSeconds(scanTimeoutSeconds));
        PrintWriter err = spec.commandLine().getErr();
        return new RepoScan(engine).scan(root, shownTarget, revision, policy, options,
                RepoScan.Apps.parse(apps == null ? "auto" : apps), urls, err::println);
    }

    private boolean colour() {
        return !noColor && System.getenv("NO_COLOR") == null && System.console() != null;
    }
}
