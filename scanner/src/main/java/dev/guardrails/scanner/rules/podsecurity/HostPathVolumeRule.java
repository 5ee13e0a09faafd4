package dev.guardrails.scanner.rules.podsecurity;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.PodSecurityLevel;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/** Pods must not mount directories of the node (PSS baseline, "HostPath Volumes"). */
public final class HostPathVolumeRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "host-path-volume",
            "Pod mounts a hostPath volume",
            Category.POD_SECURITY,
            Severity.HIGH,
            PodSecurityLevel.BASELINE,
            "A hostPath volume exposes the node's filesystem to the pod; writable or sensitive paths "
                    + "lead straight to node compromise, and the data is tied to one node.",
            "Replace the hostPath volume with a persistentVolumeClaim, emptyDir, configMap or secret "
                    + "volume; node agents that need host files should carry an exemption with a reason.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (PodVolume volume : PodVolume.of(pod)) {
                if (volume.isHostPath()) {
                    out.add(new Violation(volume.field("hostPath"),
                            volume.describe() + " mounts host path '" + volume.hostPath() + "'"));
                }
            }
        });
        return out;
    }
}
