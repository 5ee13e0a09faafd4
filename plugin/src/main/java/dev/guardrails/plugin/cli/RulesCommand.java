package dev.guardrails.plugin.cli;

import dev.guardrails.scanner.catalog.RuleCatalog;
import dev.guardrails.scanner.fix.BuiltinFixes;
import dev.guardrails.scanner.rule.RuleInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guardrails rules}: the catalog, as a table or as the Markdown of docs/rules.md. */
@Command(name = "rules", description = "List every guardrail rule with its id, category and severity.",
        mixinStandardHelpOptions = true)
public final class RulesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--markdown", description = "Print the rule reference (docs/rules.md) instead of a table.")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuleCatalog catalog = RuleCatalog.builtin();
        if (markdown) {
            out.print(catalog.markdown());
        } else {
            int width = catalog.infos().stream().mapToInt(i -> i.id().length()).max().orElse(10);
            out.printf("%-" + width + "s  %-16s  %-8s  %-3s  %s%n", "ID", "CATEGORY", "SEVERITY", "FIX", "TITLE");
            for (RuleInfo i : catalog.infos()) {
                out.printf("%-" + width + "s  %-16s  %-8s  %-3s  %s%n", i.id(), i.category().id(), i.severity().id(),
                        BuiltinFixes.forRule(i.id()).isPresent() ? "yes" : "", i.title());
            }
        }
        out.flush();
        return ExitCode.CLEAN.code();
    }
}
