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

/** A Job states how often it is retried, within a small bound. */
public final class JobBackoffRule implements Rule {

    private static final int MAX_RETRIES = 10;

    private static final RuleInfo INFO = RuleInfo.of(
            "job-backoff-limit",
            "Job retries too many times or leaves backoffLimit unset",
            Category.JOBS,
            Severity.LOW,
            "A failing Job is retried backoffLimit times (6 when unset) with growing delays, which hides "
                    + "the failure for a long time and can repeat side effects such as e-mails or payments.",
            "Set backoffLimit on the Job spec (spec.jobTemplate.spec for a CronJob) to at most "
                    + MAX_RETRIES + " retries, or 0 for jobs that must not repeat.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return JobSpecs.jobSpecPath(object).map(spec -> {
            JsonNode limit = object.at(spec + ".backoffLimit");
            if (limit.isMissingNode() || limit.isNull()) {
                // Indexed Jobs with a per-index limit leave the global one unbounded on purpose.
                return object.at(spec + ".backoffLimitPerIndex").isIntegralNumber() ? List.<Violation>of()
                        : List.of(new Violation(spec + ".backoffLimit",
                                JobSpecs.describe(object) + " leaves backoffLimit unset (6 retries)"));
            }
            return limit.isIntegralNumber() && limit.intValue() > MAX_RETRIES
                    ? List.of(new Violation(spec + ".backoffLimit", JobSpecs.describe(object)
                            + " sets backoffLimit " + limit.intValue() + ", more than " + MAX_RETRIES))
                    : List.<Violation>of();
        }).orElse(List.of());
    }
}
