package dev.guardrails.scanner.rules.pods;

import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A container sets the same environment variable name twice. */
public final class DuplicateEnvVarRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "env-var-duplicate",
            "Container sets an environment variable twice",
            Category.SCHEMA,
            Severity.MEDIUM,
            "The API server accepts duplicate env names and the last one silently wins, so a value "
                    + "added by an overlay or chart default can be overridden without anyone noticing; "
                    + "server-side apply and strategic merge patches also treat the list by name and "
                    + "can drop one of them.",
            "Keep one entry per name in env, and change the value in place instead of appending a second entry.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                Set<String> seen = new HashSet<>();
                for (PodRules.Element env : PodRules.elements(c, "env")) {
                    String name = env.text("name");
                    if (!name.isEmpty() && !seen.add(name)) {
                        out.add(new Violation(env.field("name"),
                                c.describe() + " sets environment variable " + name + " more than once"));
                    }
                }
            }
        });
        return out;
    }
}
