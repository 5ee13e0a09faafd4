package dev.guardrails.scanner.rules.exposure;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ingress-nginx snippet annotations inject raw nginx configuration into the shared controller
 * (CVE-2021-25742, CVE-2023-5044, CVE-2025-1974 "IngressNightmare").
 */
public final class IngressNginxSnippetRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "ingress-nginx-snippet",
            "Ingress injects raw nginx configuration",
            Category.NETWORKING,
            Severity.HIGH,
            "Snippet annotations put arbitrary nginx directives into the controller every team shares; "
                    + "they have been used to read the controller's service-account token and every TLS "
                    + "Secret in the cluster (CVE-2021-25742, CVE-2025-1974).",
            "Replace the snippet with the dedicated ingress-nginx annotation for the setting, or move "
                    + "the configuration into the controller's ConfigMap, which the platform team owns.");

    private static final Set<String> SNIPPETS = Set.of("configuration-snippet", "server-snippet",
            "auth-snippet", "stream-snippet", "modsecurity-snippet");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!"Ingress".equals(object.kind())) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        for (Map.Entry<String, String> e : object.annotations().entrySet()) {
            String key = e.getKey();
            int slash = key.indexOf('/');
            if (slash > 0 && key.substring(0, slash).endsWith("ingress.kubernetes.io")
                    && SNIPPETS.contains(key.substring(slash + 1)) && !e.getValue().isBlank()) {
                out.add(new Violation(FieldPath.of("metadata", "annotations", key),
                        "Ingress \"" + object.name() + "\" sets " + key));
            }
        }
        return out;
    }
}
