package dev.guardrails.scanner.rules.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Map;

/** A standalone Job is cleaned up after it finishes. Jobs of CronJobs are pruned by their history limits. */
public final class JobTtlRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "job-ttl-after-finished",
            "Standalone Job has no ttlSecondsAfterFinished",
            Category.JOBS,
            Severity.LOW,
            "Finished Jobs and their pods stay until someone deletes them, and since a Job's pod "
                    + "template is immutable, a changed manifest cannot sync while the old Job remains.",
            "Set spec.ttlSecondsAfterFinished on the Job, or make it a hook with a delete policy "
                    + "(argocd.argoproj.io/hook-delete-policy or helm.sh/hook-delete-policy).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!"Job".equals(object.kind()) || object.at("spec.ttlSecondsAfterFinished").isIntegralNumber()
                || ownedByCronJob(object) || hasHookDeletePolicy(object)) {
            return List.of();
        }
        return List.of(new Violation("spec.ttlSecondsAfterFinished",
                "Job \"" + object.name() + "\" does not set ttlSecondsAfterFinished"));
    }

    private static boolean ownedByCronJob(ManifestObject object) {
        for (JsonNode owner : object.metadata().path("ownerReferences")) {
            if ("CronJob".equals(owner.path("kind").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Argo CD and Helm delete hook Jobs themselves. */
    private static boolean hasHookDeletePolicy(ManifestObject object) {
        Map<String, String> annotations = object.annotations();
        return annotations.containsKey("argocd.argoproj.io/hook-delete-policy")
                || annotations.containsKey("helm.sh/hook-delete-policy");
    }
}
