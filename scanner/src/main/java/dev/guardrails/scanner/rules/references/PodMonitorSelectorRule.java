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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A Prometheus Operator PodMonitor selects none of the app's pods. */
public final class PodMonitorSelectorRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "podmonitor-selects-no-pods",
            "PodMonitor selects no pod of the app",
            Category.REFERENCES,
            Severity.LOW,
            "A PodMonitor whose selector matches no pod scrapes nothing: the app's metrics and every alert "
                    + "built on them silently disappear.",
            "Make spec.selector match the pod template labels of the workload exposing metrics.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!object.kind().equals("PodMonitor") || !object.apiVersion().startsWith("monitoring.coreos.com/")) {
            return List.of();
        }
        Bundle bundle = context.bundle();
        JsonNode selector = object.at("spec.selector");
        Set<String> namespaces = ServiceMonitorSelectorRule.targetNamespaces(object, bundle);
        List<AppPods.PodSource> pods = new ArrayList<>();
        for (String ns : namespaces == null ? allNamespaces(bundle) : namespaces) {
            if (!AppPods.judgeable(bundle, ns)) {
                return List.of();
            }
            pods.addAll(AppPods.in(bundle, ns));
        }
        if (!selector.isObject() || pods.isEmpty() || pods.stream().anyMatch(p -> Workloads.selects(selector, p.labels()))) {
            return List.of();
        }
        return List.of(new Violation("spec.selector", "PodMonitor \"" + object.name()
                + "\" selects none of the app's pod templates"));
    }

    private static Set<String> allNamespaces(Bundle bundle) {
        Set<String> out = new HashSet<>();
        bundle.objects().forEach(o -> out.add(bundle.namespaceOf(o)));
        return out;
    }
}
