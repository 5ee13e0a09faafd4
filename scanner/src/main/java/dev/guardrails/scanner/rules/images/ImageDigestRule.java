package dev.guardrails.scanner.rules.images;

import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.ImageRef;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/** Images are pinned by digest, so a tag moved in the registry cannot change what runs. */
public final class ImageDigestRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "image-digest-missing",
            "Image is not pinned by digest",
            Category.IMAGES,
            Severity.LOW,
            "Tags are mutable: whoever can push to the registry can change what a tag points to, "
                    + "and nodes pulling at different times may run different images.",
            "Pin the image by digest, e.g. registry.example.com/app:1.2.3@sha256:<digest>, "
                    + "and let a bot such as Renovate update it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        if (!PodTemplate.isWorkloadKind(object.kind())) {
            return out;
        }
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                if (!c.image().isBlank() && !ImageRef.parse(c.image()).hasDigest()) {
                    out.add(new Violation(c.field("image"),
                            c.describe() + " image '" + c.image() + "' is not pinned by digest"));
                }
            }
        });
        return out;
    }
}
