package dev.guardrails.scanner.rules.probes;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** Containers of long-running workloads declare a readiness probe. */
public final class ReadinessProbeRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "readiness-probe-missing",
            "Container has no readiness probe",
            Category.PROBES,
            Severity.MEDIUM,
            "Without a readiness probe a pod receives traffic as soon as its process starts, and "
                    + "a rolling update proceeds even when the new version cannot serve.",
            "Add a readinessProbe (httpGet, tcpSocket, grpc or exec) that succeeds only when the "
                    + "container can serve requests.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return LongRunning.missingProbe(object, "readinessProbe", "readiness probe");
    }
}
