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
import java.util.Map;

/** Images from registries that are frozen or shut down. */
public final class DeprecatedRegistryRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "deprecated-registry",
            "Image comes from a frozen or retired registry",
            Category.IMAGES,
            Severity.MEDIUM,
            "k8s.gcr.io stopped receiving images in 2023 and redirects may end at any time; images "
                    + "from a retired registry get no security fixes and fail to pull once it is gone.",
            "Pull the same image from its successor, for example registry.k8s.io instead of k8s.gcr.io.");

    /** Retired registry host to its successor. */
    private static final Map<String, String> RETIRED = Map.of(
            "k8s.gcr.io", "registry.k8s.io",
            "gcr.io/google-containers", "registry.k8s.io",
            "gcr.io/google_containers", "registry.k8s.io",
            "quay.io/coreos", "quay.io/prometheus-operator or ghcr.io");

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
                String name = image.name();
                for (Map.Entry<String, String> e : RETIRED.entrySet()) {
                    if (name.equals(e.getKey()) || name.startsWith(e.getKey() + "/")
                            || image.registry().equals(e.getKey())) {
                        out.add(new Violation(c.field("image"), c.describe() + " pulls from " + e.getKey()
                                + ", which is retired; use " + e.getValue()));
                        break;
                    }
                }
            }
        });
        return out;
    }
}
