package dev.guardrails.scanner.rules.serviceaccounts;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** {@code spec.serviceAccount} is a deprecated alias of {@code serviceAccountName}. */
public final class DeprecatedServiceAccountFieldRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "deprecated-service-account-field",
            "Pod uses the deprecated serviceAccount field",
            Category.SERVICE_ACCOUNTS,
            Severity.LOW,
            "spec.serviceAccount is a deprecated alias that is only honoured when serviceAccountName is "
                    + "empty, so the two can disagree and reviewers can misread which identity the pod gets.",
            "Rename spec.serviceAccount to spec.serviceAccountName (or remove it if serviceAccountName "
                    + "is already set).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return PodTemplate.of(object).map(pod -> {
            String deprecated = pod.spec().path("serviceAccount").asText("");
            if (deprecated.isEmpty()) {
                return List.<Violation>of();
            }
            String current = pod.spec().path("serviceAccountName").asText("");
            String detail = current.isEmpty() || current.equals(deprecated)
                    ? "" : " while serviceAccountName is '" + current + "', which wins";
            return List.of(new Violation(pod.field("serviceAccount"),
                    "pod sets the deprecated serviceAccount field to '" + deprecated + "'" + detail));
        }).orElse(List.of());
    }
}
