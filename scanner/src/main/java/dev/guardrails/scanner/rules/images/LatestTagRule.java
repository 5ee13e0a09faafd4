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

/** Images must name an explicit tag other than {@code latest}, or a digest. */
public final class LatestTagRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "latest-tag",
            "Image has no tag or uses latest",
            Category.IMAGES,
            Severity.HIGH,
            "An untagged or latest image changes under the same manifest, so rollbacks and "
                    + "replicas can run different code and Git no longer says what is deployed.",
            "Set an explicit version tag (for example nginx:1.27.3) or pin the image by digest.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                ImageRef image = ImageRef.parse(c.image());
                if (image.hasDigest()) {
                    continue;
                }
                if (image.tag().isEmpty()) {
                    out.add(new Violation(c.field("image"), c.describe() + " image '" + c.image() + "' has no tag"));
                } else if (image.tag().equals("latest")) {
                    out.add(new Violation(c.field("image"), c.describe() + " image '" + c.image() + "' uses the latest tag"));
                }
            }
        });
        return out;
    }
}
