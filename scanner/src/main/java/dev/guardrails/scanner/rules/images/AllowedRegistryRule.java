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

/**
 * Images come from an allowed registry or repository prefix. References are normalised first
 * ({@code nginx} is {@code docker.io/library/nginx}), so allow-list entries are written in full.
 */
public final class AllowedRegistryRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "registry-not-allowed",
            "Image comes from a registry that is not allowed",
            Category.IMAGES,
            Severity.HIGH,
            "Images from arbitrary registries bypass the organisation's scanning, signing and "
                    + "mirroring, and an outage or takeover of that registry reaches production.",
            "Use an image from an allowed registry (mirror it there if needed), or add the "
                    + "registry prefix to allowedRegistries in .guardrails.yaml.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        List<String> allowed = context.settings().allowedRegistries();
        if (allowed.isEmpty() || !PodTemplate.isWorkloadKind(object.kind())) {
            return out;
        }
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                if (c.image().isBlank()) {
                    continue;
                }
                String name = ImageRef.parse(c.image()).name();
                if (allowed.stream().noneMatch(prefix -> isAllowed(name, prefix))) {
                    out.add(new Violation(c.field("image"), c.describe() + " image '" + c.image()
                            + "' (" + name + ") is not from an allowed registry " + allowed));
                }
            }
        });
        return out;
    }

    /**
     * An entry ending in {@code /} is a plain prefix; any other entry must match whole path
     * segments, so {@code ghcr.io/acme} allows {@code ghcr.io/acme/app} but not {@code ghcr.io/acmecorp/app}.
     */
    static boolean isAllowed(String name, String entry) {
        String prefix = entry.trim();
        if (prefix.isEmpty()) {
            return false;
        }
        if (prefix.endsWith("/")) {
            return (name + "/").startsWith(prefix);
        }
        return name.equals(prefix) || name.startsWith(prefix + "/");
    }
}
