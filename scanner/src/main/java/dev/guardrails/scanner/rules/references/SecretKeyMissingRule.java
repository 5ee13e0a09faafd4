package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A pod reads a key that the app's own Secret does not hold. */
public final class SecretKeyMissingRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "secret-key-missing",
            "Pod reads a key the app's Secret does not hold",
            Category.REFERENCES,
            Severity.HIGH,
            "A Secret key read by env valueFrom or a volume's items must exist unless optional: the container "
                    + "fails with CreateContainerConfigError, or the volume never mounts, so the pod never starts.",
            "Add the key to the Secret's data or stringData, fix the key name, or mark the reference optional: true.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        Optional<PodTemplate> pod = PodTemplate.of(object);
        if (pod.isEmpty()) {
            return List.of();
        }
        String namespace = context.bundle().namespaceOf(object);
        List<Violation> out = new ArrayList<>();
        for (PodReferences.Reference ref : PodReferences.of(pod.get())) {
            if (!ref.kind().equals("Secret") || ref.key() == null || ref.optional()) {
                continue;
            }
            // Only literal objects show their keys; generated ones (SealedSecret, ...) are not judged.
            Optional<ManifestObject> target = AppObjects.find(context.bundle(), "Secret", namespace, ref.name());
            if (target.isPresent() && AppObjects.keysKnown(target.get())
                    && !AppObjects.keys(target.get()).contains(ref.key())) {
                out.add(new Violation(ref.keyPath(), ref.where() + " reads key \"" + ref.key() + "\" of Secret \""
                        + ref.name() + "\", which has no such key"));
            }
        }
        return out;
    }
}
