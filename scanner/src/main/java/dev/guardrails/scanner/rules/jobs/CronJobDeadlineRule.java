package dev.guardrails.scanner.rules.jobs;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A CronJob bounds how late a missed run may still start. */
public final class CronJobDeadlineRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "cronjob-starting-deadline",
            "CronJob has no startingDeadlineSeconds",
            Category.JOBS,
            Severity.LOW,
            "Without startingDeadlineSeconds a CronJob whose controller was down or blocked counts "
                    + "every missed schedule, and after 100 misses it stops scheduling altogether.",
            "Set spec.startingDeadlineSeconds to how late a run may still start (for example 300).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!"CronJob".equals(object.kind()) || object.at("spec.startingDeadlineSeconds").isIntegralNumber()) {
            return List.of();
        }
        return List.of(new Violation("spec.startingDeadlineSeconds",
                JobSpecs.describe(object) + " does not set startingDeadlineSeconds"));
    }
}
