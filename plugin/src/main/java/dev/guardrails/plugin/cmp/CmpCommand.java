package dev.guardrails.plugin.cmp;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code guardrails cmp}: the Argo CD config-management plugin (sidecar) entry points. */
@Command(name = "cmp", description = "Argo CD config-management plugin: render, check and emit manifests.",
        mixinStandardHelpOptions = true, subcommands = {CmpGenerateCommand.class, CmpInitCommand.class})
public final class CmpCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
