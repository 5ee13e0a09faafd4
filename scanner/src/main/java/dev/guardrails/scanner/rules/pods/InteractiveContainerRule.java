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
import dev.guardrails.scanner.rules.podsecurity.SecurityContexts;
import java.util.ArrayList;
import java.util.List;

/** A container keeps stdin open or allocates a TTY: a debugging setting left in a deployed manifest. */
public final class InteractiveContainerRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "interactive-container",
            "Container keeps stdin or a TTY open",
            Category.HARDENING,
            Severity.LOW,
            "stdin and tty are for interactive debugging; in a deployed workload they let anyone "
                    + "with pods/attach type into the main process, and a shell started that way leaves "
                    + "no exec entry in the audit log.",
            "Remove stdin, stdinOnce and tty from the container; debug with kubectl debug instead.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            List<Container> containers = new ArrayList<>(pod.initContainers());
            containers.addAll(pod.containers());
            for (Container c : containers) {
                for (String field : List.of("stdin", "tty")) {
                    if (SecurityContexts.isTrue(c.node().path(field))) {
                        out.add(new Violation(c.field(field), c.describe() + " sets " + field + ": true"));
                    }
                }
            }
        });
        return out;
    }
}
