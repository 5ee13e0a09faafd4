package dev.guardrails.scanner.rules.jobs;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A Job, or a CronJob's job template, bounds its run time. */
public final class JobDeadlineRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "job-active-deadline",
            "Job has no activeDeadlineSeconds",
            Category.JOBS,
            Severity.MEDIUM,
            "A Job without activeDeadlineSeconds that hangs holds its pods and resources forever, "
                    + "and for a CronJob with concurrencyPolicy Forbid it blocks every later run.",
            "Set activeDeadlineSeconds on the Job spec (spec.jobTemplate.spec for a CronJob) to a "
                    + "generous upper bound on its run time.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return JobSpecs.jobSpecPath(object)
                .filter(spec -> !object.at(spec + ".activeDeadlineSeconds").isIntegralNumber())
                .map(spec -> List.of(new Violation(spec + ".activeDeadlineSeconds",
                        JobSpecs.describe(object) + " does not set activeDeadlineSeconds")))
                .orElse(List.of());
    }
}
