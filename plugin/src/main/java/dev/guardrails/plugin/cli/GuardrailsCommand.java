package dev.guardrails.plugin.cli;

import io.micronaut.configuration.picocli.PicocliRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code guardrails} executable: one binary for the scanner, the Argo CD plugin and the server. */
@Command(name = "guardrails",
        description = "Render GitOps repos as Argo CD would and check them against runtime guardrails.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {ScanCommand.class, RulesCommand.class, ExplainCommand.class, dev.guardrails.plugin.cmp.CmpCommand.class, dev.guardrails.plugin.server.ServeCommand.class})
public final class GuardrailsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return PicocliRunner.execute(GuardrailsCommand.class, args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
