package dev.guardrails.scanner.rules.references;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.availability.Workloads;
import java.util.List;
import java.util.Set;

/** A Prometheus Operator ServiceMonitor selects none of the app's Services. */
public final class ServiceMonitorSelectorRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "servicemonitor-selects-no-service",
            "ServiceMonitor selects no Service of the app",
            Category.REFERENCES,
            Severity.LOW,
            "A ServiceMonitor whose selector matches no Service scrapes nothing: the app's metrics and "
                    + "every alert built on them silently disappear.",
            "Make spec.selector match the labels of the Service exposing the metrics port, and "
                    + "spec.namespaceSelector its namespace.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!object.kind().equals("ServiceMonitor") || !object.apiVersion().startsWith("monitoring.coreos.com/")) {
            return List.of();
        }
        Bundle bundle = context.bundle();
        JsonNode selector = object.at("spec.selector");
        Set<String> namespaces = targetNamespaces(object, bundle);
        List<ManifestObject> candidates = Services.all(bundle).stream()
                .filter(s -> namespaces == null || namespaces.contains(bundle.namespaceOf(s))).toList();
        // Services of other apps are out of sight: judge only when the app has its own to match.
        if (!selector.isObject() || candidates.isEmpty()
                || candidates.stream().anyMatch(s -> Workloads.selects(selector, s.labels()))) {
            return List.of();
        }
        return List.of(new Violation("spec.selector", "ServiceMonitor \"" + object.name()
                + "\" selects none of the app's Services in " + (namespaces == null ? "any namespace"
                : "namespace(s) " + String.join(", ", namespaces))));
    }

    /** The namespaces a monitor looks in: its own by default, matchNames, or null for any. */
    static Set<String> targetNamespaces(ManifestObject monitor, Bundle bundle) {
        JsonNode nsSelector = monitor.at("spec.namespaceSelector");
        if (nsSelector.path("any").asBoolean(false)) {
            return null;
        }
        Set<String> out = new java.util.LinkedHashSet<>();
        nsSelector.path("matchNames").forEach(n -> out.add(n.asText()));
        if (out.isEmpty()) {
            out.add(bundle.namespaceOf(monitor));
        }
        return out;
    }
}
