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
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mutable image tag (latest, none, a branch or channel name) is pulled only when missing, so
 * nodes keep running whatever they pulled first. Applies the kubelet's defaulting: no policy means
 * Always for latest or no tag, IfNotPresent otherwise.
 */
public final class PullPolicyMutableTagRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "pull-policy-mutable-tag",
            "Mutable image tag is not pulled on every start",
            Category.IMAGES,
            Severity.MEDIUM,
            "With imagePullPolicy IfNotPresent or Never, a tag that moves (latest, main, stable) "
                    + "runs whichever build each node pulled first, so replicas of one Deployment run "
                    + "different code and a fix pushed under the same tag never arrives.",
            "Pin the image to a version tag or digest, or set imagePullPolicy: Always for tags that move.");

    /** Tags that name a channel or a branch rather than a build. */
    private static final Pattern MUTABLE = Pattern.compile(
            "latest|main|master|develop|dev|devel|edge|nightly|stable|unstable|canary|beta|alpha|rc|next|head"
                    + "|testing|preview|snapshot|trunk|alpine|slim|release|current|prod|production|staging|test|.*-snapshot");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                if (c.image().isBlank()) {
                    continue;
                }
                ImageRef image = ImageRef.parse(c.image());
                if (image.hasDigest() || !isMutable(image.tag())) {
                    continue;
                }
                String policy = c.node().path("imagePullPolicy").asText("");
                String effective = policy.isEmpty()
                        ? (image.tag().isEmpty() || image.tag().equals("latest") ? "Always" : "IfNotPresent")
                        : policy;
                if (!effective.equals("Always")) {
                    String tag = image.tag().isEmpty() ? "no tag" : "tag '" + image.tag() + "'";
                    out.add(new Violation(policy.isEmpty() ? c.field("image") : c.field("imagePullPolicy"),
                            c.describe() + " image has mutable " + tag + " but imagePullPolicy is "
                                    + effective + (policy.isEmpty() ? " by default" : "")));
                }
            }
        });
        return out;
    }

    static boolean isMutable(String tag) {
        return tag.isEmpty() || MUTABLE.matcher(tag.toLowerCase(Locale.ROOT)).matches();
    }
}
