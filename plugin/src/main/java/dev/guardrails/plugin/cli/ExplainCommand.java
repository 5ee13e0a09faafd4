package dev.guardrails.plugin.cli;

import dev.guardrails.scanner.catalog.RuleCatalog;
import dev.guardrails.scanner.rule.RuleInfo;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code guardrails explain RULE}: why a rule exists, how to fix it and how to exempt from it. */
@Command(name = "explain", description = "Explain one rule: rationale, remediation and how to exempt.",
        mixinStandardHelpOptions = true)
public final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RULE", description = "Rule id, e.g. latest-tag.")
    String ruleId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<RuleInfo> found = RuleCatalog.builtin().find(ruleId);
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("guardrails: unknown rule '" + ruleId + "' (see `guardrails rules`)");
            return ExitCode.ERROR.code();
        }
        RuleInfo i = found.get();
        out.println(i.id() + ": " + i.title());
        out.println("  category " + i.category().id() + ", severity " + i.severity().id()
                + (i.podSecurity().id().equals("none") ? "" : ", Pod Security Standards " + i.podSecurity().id()));
        out.println();
        out.println("Why: " + i.rationale());
        out.println("Fix: " + i.remediation());
        out.println();
        out.println("Exempt (in .guardrails.yaml):");
        out.println("  exemptions:");
        out.println("    - rule: " + i.id());
        out.println("      match: {app: <app>, kind: <Kind>, namespace: <ns>, name: <name>}");
        out.println("      owner: <team>");
        out.println("      reason: <why, with a ticket>");
        out.println("      expires: <YYYY-MM-DD>");
        out.flush();
        return ExitCode.CLEAN.code();
    }
}
