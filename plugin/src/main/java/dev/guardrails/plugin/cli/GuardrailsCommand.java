package dev.guardrails.plugin.cli;

import dev.guardrails.plugin.audit.AuditCommand;
import dev.guardrails.plugin.cmp.CmpCommand;
import dev.guardrails.plugin.server.ServeCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code guardrails} executable: one binary for the scanner, the Argo CD plugin and the server. */
@Command(name = "guardrails",
        description = "Render GitOps repos as Argo CD would and check them against runtime guardrails.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {ScanCommand.class, FixCommand.class, RulesCommand.class, ExplainCommand.class,
                AuditCommand.class,
                CmpCommand.class,
                ServeCommand.class})
public final class GuardrailsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI on the process's stdout/stderr and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the CLI with the given streams; tests call this instead of {@link #main}.
     *
     * <p>No Micronaut application context here: picocli's default factory builds the commands.
     * Argo CD runs {@code cmp generate} once per render, and starting a context (bean definitions,
     * configuration, eager beans) was most of its start-up. Only {@code serve} needs Micronaut, and
     * {@link ServeCommand} starts its own contexts.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(GuardrailsCommand.class);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        // picocli's own usage errors exit 2, as do ours.
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
