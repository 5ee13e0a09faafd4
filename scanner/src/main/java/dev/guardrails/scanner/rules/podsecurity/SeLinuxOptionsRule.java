package dev.guardrails.scanner.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.PodSecurityLevel;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SELinux options may only pick a standard container type (PSS baseline, "SELinux"); custom
 * users and roles are forbidden. {@code container_engine_t} is allowed from Kubernetes 1.31.
 */
public final class SeLinuxOptionsRule implements Rule {

    private static final Set<String> ALLOWED_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t");
    private static final String ENGINE_TYPE = "container_engine_t";
    private static final KubeVersion ENGINE_TYPE_SINCE = new KubeVersion(1, 31);

    private static final RuleInfo INFO = new RuleInfo(
            "selinux-options",
            "SELinux options escape the container domain",
            Category.POD_SECURITY,
            Severity.HIGH,
            PodSecurityLevel.BASELINE,
            "A custom SELinux type such as spc_t, or a custom user or role, can run the container "
                    + "unconfined by SELinux and defeat the isolation the node's policy provides.",
            "Remove seLinuxOptions.user and seLinuxOptions.role, and leave seLinuxOptions.type unset or "
                    + "use container_t, container_init_t, container_kvm_t or container_engine_t.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        KubeVersion version = context.settings().kubeVersion();
        PodTemplate.of(object).ifPresent(pod -> {
            check(SecurityContexts.podLevel(pod, "seLinuxOptions"), SecurityContexts.podPath(pod, "seLinuxOptions"),
                    "pod", version, out);
            for (Container c : pod.allContainers()) {
                check(SecurityContexts.containerLevel(c, "seLinuxOptions"),
                        SecurityContexts.containerPath(c, "seLinuxOptions"), c.describe(), version, out);
            }
        });
        return out;
    }

    private static void check(JsonNode options, String path, String who, KubeVersion version, List<Violation> out) {
        String type = SecurityContexts.text(options.path("type"));
        if (!type.isEmpty() && !allowedType(type, version)) {
            out.add(new Violation(FieldPath.key(path, "type"), who + " sets SELinux type " + type));
        }
        for (String key : List.of("user", "role")) {
            String value = SecurityContexts.text(options.path(key));
            if (!value.isEmpty()) {
                out.add(new Violation(FieldPath.key(path, key), who + " sets SELinux " + key + " " + value));
            }
        }
    }

    private static boolean allowedType(String type, KubeVersion version) {
        return ALLOWED_TYPES.contains(type) || type.equals(ENGINE_TYPE) && version.atLeast(ENGINE_TYPE_SINCE);
    }
}
