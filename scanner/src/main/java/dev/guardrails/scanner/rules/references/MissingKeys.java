package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The check the ConfigMap and Secret key rules share: a required key the app's own object lacks. */
final class MissingKeys {

    private MissingKeys() {
    }

    static List<Violation> of(ManifestObject object, RuleContext context, String kind) {
        Optional<PodTemplate> pod = PodTemplate.of(object);
        if (pod.isEmpty()) {
            return List.of();
        }
        String namespace = context.bundle().namespaceOf(object);
        List<Violation> out = new ArrayList<>();
        for (PodReferences.Reference ref : PodReferences.of(pod.get())) {
            if (!ref.kind().equals(kind) || ref.key() == null || ref.optional()) {
                continue;
            }
            // Only literal objects show their keys; generated ones (SealedSecret, ...) are not judged.
            Optional<ManifestObject> target = AppObjects.find(context.bundle(), kind, namespace, ref.name());
            if (target.isPresent() && AppObjects.keysKnown(target.get())
                    && !AppObjects.keys(target.get()).contains(ref.key())) {
                out.add(new Violation(ref.keyPath(), ref.where() + " reads key \"" + ref.key() + "\" of " + kind + " \""
                        + ref.name() + "\", which has no such key"));
            }
        }
        return out;
    }
}
