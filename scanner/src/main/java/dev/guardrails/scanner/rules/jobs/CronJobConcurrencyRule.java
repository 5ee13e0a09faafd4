package dev.guardrails.scanner.rules.jobs;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A CronJob states whether runs may overlap, and does not leave the default Allow. */
public final class CronJobConcurrencyRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "cronjob-concurrency-policy",
            "CronJob allows concurrent runs",
            Category.JOBS,
            Severity.LOW,
            "With the default concurrencyPolicy Allow, a run that takes longer than the schedule "
                    + "interval overlaps the next one, and slow runs pile up and compete for the same data.",
            "Set spec.concurrencyPolicy to Forbid (skip a run while one is active) or Replace.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!"CronJob".equals(object.kind())) {
            return List.of();
        }
        String policy = object.at("spec.concurrencyPolicy").asText("");
        if (policy.equals("Forbid") || policy.equals("Replace")) {
            return List.of();
        }
        String what = policy.isEmpty() ? " leaves concurrencyPolicy unset (Allow)" : " sets concurrencyPolicy " + policy;
        return List.of(new Violation("spec.concurrencyPolicy", JobSpecs.describe(object) + what));
    }
}
