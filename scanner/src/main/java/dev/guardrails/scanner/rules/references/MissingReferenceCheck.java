package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pod template refers to a ConfigMap, Secret or PersistentVolumeClaim that neither the app nor
 * the platform ({@code platformObjects} in {@code .guardrails.yaml}) provides; optional references
 * are fine. Each missing object is reported once per workload, at its first reference.
 */
abstract class MissingReferenceCheck implements Rule {

    private final String kind;

    MissingReferenceCheck(String kind) {
        this.kind = kind;
    }

    @Override
    public final List<Violation> check(ManifestObject object, RuleContext context) {
        PodTemplate pod = PodTemplate.of(object).orElse(null);
        if (pod == null) {
            return List.of();
        }
        String namespace = context.bundle().namespaceOf(object);
        Set<String> reported = new HashSet<>();
        List<Violation> out = new ArrayList<>();
        for (PodReferences.Reference ref : PodReferences.of(pod)) {
            if (!ref.kind().equals(kind) || ref.optional() || ref.item() || ref.name().isEmpty()
                    || AppObjects.defines(context.bundle(), kind, namespace, ref.name())
                    || context.settings().platformObjects().provides(kind, namespace, ref.name())
                    || !reported.add(ref.name())) {
                continue;
            }
            out.add(new Violation(ref.path(), ref.where() + " refers to " + kind + " \"" + ref.name()
                    + "\", which the app does not define in namespace \"" + namespace + "\""));
        }
        return out;
    }
}
