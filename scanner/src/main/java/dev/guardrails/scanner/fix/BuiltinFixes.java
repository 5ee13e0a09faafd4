package dev.guardrails.scanner.fix;

import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.guardrails.scanner.fix.fixers.DropAllCapabilitiesFix;
import dev.guardrails.scanner.fix.fixers.FieldValueFix;
import dev.guardrails.scanner.fix.fixers.ImageDigestFix;
import dev.guardrails.scanner.fix.fixers.ProbeTemplateFix;
import dev.guardrails.scanner.fix.fixers.RequiredLabelsFix;
import dev.guardrails.scanner.fix.fixers.ResourceDefaultFix;
import dev.guardrails.scanner.fix.fixers.SeccompProfileFix;
import java.util.List;
import java.util.Optional;

/** Every fixer, one per auto-fixable rule; a test checks each names a built-in rule once. */
public final class BuiltinFixes {

    private static final List<Fixer> ALL = List.of(
            new FieldValueFix("read-only-root-filesystem", "readOnlyRootFilesystem", BooleanNode.TRUE),
            new FieldValueFix("privilege-escalation", "allowPrivilegeEscalation", BooleanNode.FALSE),
            new FieldValueFix("run-as-non-root", "runAsNonRoot", BooleanNode.TRUE),
            new FieldValueFix("service-account-token-automount", "automountServiceAccountToken", BooleanNode.FALSE),
            new DropAllCapabilitiesFix(),
            new SeccompProfileFix(),
            new ResourceDefaultFix("cpu-request-missing", "requests", "cpu"),
            new ResourceDefaultFix("memory-request-missing", "requests", "memory"),
            new ResourceDefaultFix("cpu-limit-missing", "limits", "cpu"),
            new ResourceDefaultFix("memory-limit-missing", "limits", "memory"),
            new ProbeTemplateFix("liveness-probe-missing", "livenessProbe"),
            new ProbeTemplateFix("readiness-probe-missing", "readinessProbe"),
            new RequiredLabelsFix(),
            new ImageDigestFix());

    private BuiltinFixes() {
    }

    public static List<Fixer> all() {
        return ALL;
    }

    public static Optional<Fixer> forRule(String ruleId) {
        return ALL.stream().filter(f -> f.ruleId().equals(ruleId)).findFirst();
    }
}
