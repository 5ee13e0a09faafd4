package dev.guardrails.scanner.rules.hardening;

import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.podsecurity.PodVolume;
import dev.guardrails.scanner.rules.podsecurity.SecurityContexts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A hostPath volume, where one is unavoidable, must be mounted read-only by every container. */
public final class WritableHostPathRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "writable-host-path",
            "Host path is mounted writable",
            Category.HARDENING,
            Severity.HIGH,
            "A writable host path lets the container change files on the node, such as kubelet "
                    + "configuration, cron jobs or other pods' data, and outlives the pod.",
            "Set readOnly: true on every volumeMount of the hostPath volume, or replace the volume "
                    + "with one that does not reach the node.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            Map<String, PodVolume> hostPaths = new HashMap<>();
            for (PodVolume volume : PodVolume.of(pod)) {
                if (volume.isHostPath()) {
                    hostPaths.put(volume.name(), volume);
                }
            }
            if (hostPaths.isEmpty()) {
                return;
            }
            for (Container c : pod.allContainers()) {
                for (SecurityContexts.Item mount
                        : SecurityContexts.items(c.node().path("volumeMounts"), c.field("volumeMounts"))) {
                    PodVolume volume = hostPaths.get(mount.node().path("name").asText(""));
                    if (volume != null && !SecurityContexts.isTrue(mount.node().path("readOnly"))) {
                        out.add(new Violation(FieldPath.key(mount.path(), "readOnly"),
                                c.describe() + " mounts host path '" + volume.hostPath() + "' (" + volume.describe()
                                        + ") writable at " + mount.node().path("mountPath").asText("")));
                    }
                }
            }
        });
        return out;
    }
}
