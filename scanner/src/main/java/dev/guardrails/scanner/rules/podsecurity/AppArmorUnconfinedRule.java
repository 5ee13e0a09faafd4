package dev.guardrails.scanner.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.PodSecurityLevel;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * AppArmor must not be disabled (PSS baseline, "AppArmor"), neither through the
 * {@code appArmorProfile} fields nor through the legacy per-container annotation.
 */
public final class AppArmorUnconfinedRule implements Rule {

    static final String ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
    private static final Set<String> CONFINED = Set.of("RuntimeDefault", "Localhost");

    private static final RuleInfo INFO = new RuleInfo(
            "apparmor-unconfined",
            "AppArmor profile is unconfined",
            Category.POD_SECURITY,
            Severity.HIGH,
            PodSecurityLevel.BASELINE,
            "The runtime's default AppArmor profile blocks writes to sensitive /proc and /sys paths and "
                    + "mounts; an unconfined profile removes that layer of defence on AppArmor hosts.",
            "Remove the Unconfined appArmorProfile (or the unconfined "
                    + "container.apparmor.security.beta.kubernetes.io annotation), or use RuntimeDefault or a "
                    + "Localhost profile.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            String podType = SecurityContexts.text(SecurityContexts.podLevel(pod, "appArmorProfile", "type"));
            if (!podType.isEmpty() && !CONFINED.contains(podType)) {
                out.add(new Violation(SecurityContexts.podPath(pod, "appArmorProfile", "type"),
                        "pod sets AppArmor profile " + podType));
            }
            for (Container c : pod.allContainers()) {
                String type = SecurityContexts.text(SecurityContexts.containerLevel(c, "appArmorProfile", "type"));
                if (!type.isEmpty() && !CONFINED.contains(type)) {
                    out.add(new Violation(SecurityContexts.containerPath(c, "appArmorProfile", "type"),
                            c.describe() + " sets AppArmor profile " + type));
                }
            }
            JsonNode annotations = pod.metadata().path("annotations");
            Iterator<Map.Entry<String, JsonNode>> it = annotations.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String value = SecurityContexts.text(e.getValue());
                if (e.getKey().startsWith(ANNOTATION_PREFIX) && !allowedAnnotationValue(value)) {
                    String container = e.getKey().substring(ANNOTATION_PREFIX.length());
                    out.add(new Violation(
                            FieldPath.key(FieldPath.key(pod.metadataPath(), "annotations"), e.getKey()),
                            "container \"" + container + "\" has AppArmor profile '" + value + "' by annotation"));
                }
            }
        });
        return out;
    }

    private static boolean allowedAnnotationValue(String value) {
        return value.isEmpty() || value.equals("runtime/default") || value.startsWith("localhost/");
    }
}
