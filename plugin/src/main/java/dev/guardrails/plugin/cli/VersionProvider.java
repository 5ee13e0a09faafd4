package dev.guardrails.plugin.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = GuardrailsCommand.class.getPackage().getImplementationVersion();
        return new String[] {"guardrails " + (version == null ? "dev" : version)};
    }
}
