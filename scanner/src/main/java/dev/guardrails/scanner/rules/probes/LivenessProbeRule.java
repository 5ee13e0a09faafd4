package dev.guardrails.scanner.rules.probes;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** Containers of long-running workloads declare a liveness probe. */
public final class LivenessProbeRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "liveness-probe-missing",
            "Container has no liveness probe",
            Category.PROBES,
            Severity.LOW,
            "Without a liveness probe a deadlocked or wedged process keeps its pod Running, and "
                    + "nothing restarts it until someone notices.",
            "Add a livenessProbe that fails only when the process cannot recover by itself, with "
                    + "a more lenient threshold than the readiness probe.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return LongRunning.missingProbe(object, "livenessProbe", "liveness probe");
    }
}
