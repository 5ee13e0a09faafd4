package dev.guardrails.scanner.rules.podsecurity;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods may set only namespaced, pod-isolated sysctls (PSS baseline, "Sysctls"). The safe set
 * grows with Kubernetes releases, so it is taken at the target cluster version.
 */
public final class UnsafeSysctlRule implements Rule {

    /** Each safe sysctl with the policy version that first allows it. */
    private static final Map<String, KubeVersion> SAFE_SINCE = safeSince();

    private static final RuleInfo INFO = new RuleInfo(
            "unsafe-sysctl",
            "Pod sets an unsafe sysctl",
            Category.POD_SECURITY,
            Severity.MEDIUM,
            PodSecurityLevel.BASELINE,
            "Sysctls outside the safe set are not isolated per pod: they change kernel behaviour for "
                    + "every workload on the node or disable security mechanisms.",
            "Remove the sysctl from spec.securityContext.sysctls, or tune the node itself; only the "
                    + "Pod Security Standards safe set (such as net.ipv4.ip_local_port_range) may be set per pod.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** True when {@code name} is in the PSS safe set at cluster version {@code version}. */
    static boolean isSafe(String name, KubeVersion version) {
        KubeVersion since = SAFE_SINCE.get(name);
        return since != null && version.atLeast(since);
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        KubeVersion version = context.settings().kubeVersion();
        PodTemplate.of(object).ifPresent(pod -> {
            for (SecurityContexts.Item sysctl : SecurityContexts.items(
                    SecurityContexts.podLevel(pod, "sysctls"), SecurityContexts.podPath(pod, "sysctls"))) {
                String name = SecurityContexts.text(sysctl.node().path("name"));
                if (!isSafe(name, version)) {
                    out.add(new Violation(FieldPath.key(sysctl.path(), "name"),
                            "pod sets unsafe sysctl " + name + " (not in the safe set of Kubernetes " + version + ")"));
                }
            }
        });
        return out;
    }

    private static Map<String, KubeVersion> safeSince() {
        Map<String, KubeVersion> map = new LinkedHashMap<>();
        KubeVersion v10 = new KubeVersion(1, 0);
        for (String name : List.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
                "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start")) {
            map.put(name, v10);
        }
        map.put("net.ipv4.ip_local_reserved_ports", new KubeVersion(1, 27));
        for (String name : List.of("net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
                "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes")) {
            map.put(name, new KubeVersion(1, 29));
        }
        map.put("net.ipv4.tcp_rmem", new KubeVersion(1, 32));
        map.put("net.ipv4.tcp_wmem", new KubeVersion(1, 32));
        return Map.copyOf(map);
    }
}
