package dev.guardrails.plugin.cmp;

import dev.guardrails.argocd.cmp.CmpContractException;
import dev.guardrails.argocd.cmp.CmpEnvironment;
import dev.guardrails.argocd.cmp.CmpWorkspace;
import dev.guardrails.argocd.cmp.PluginSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code guardrails cmp init}: checks the environment and parameters without rendering, so a
 * misconfigured Application fails fast with a clear message. Optional: generate checks the same.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Validate the Argo CD plugin environment and parameters (no output on success).")
public final class CmpInitCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            CmpEnvironment env = CmpEnvironment.parse(System.getenv());
            PluginSettings.from(env);
            CmpWorkspace.locate(Path.of("").toAbsolutePath(), env);
            return 0;
        } catch (CmpContractException e) {
            spec.commandLine().getErr().println("guardrails: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
