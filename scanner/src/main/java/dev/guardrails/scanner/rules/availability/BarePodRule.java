package dev.guardrails.scanner.rules.availability;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Map;

/** A Pod deployed directly, not through a controller; hooks and test pods are meant to be bare. */
public final class BarePodRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "bare-pod",
            "Pod is deployed without a controller",
            Category.AVAILABILITY,
            Severity.LOW,
            "A bare Pod is not recreated when its node fails or is drained, and cannot be rolled out "
                    + "or scaled; the service simply disappears until the next sync.",
            "Wrap the pod in a Deployment (long-running) or a Job (run to completion).")
            .withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!"Pod".equals(object.kind()) || isHook(object.annotations())) {
            return List.of();
        }
        return List.of(new Violation("", "Pod \"" + object.name() + "\" is not managed by a controller"));
    }

    /** Argo CD and Helm hooks, Helm test pods: run once by design. */
    private static boolean isHook(Map<String, String> annotations) {
        return annotations.containsKey("argocd.argoproj.io/hook") || annotations.containsKey("helm.sh/hook");
    }
}
