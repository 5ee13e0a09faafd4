package dev.guardrails.scanner.rules.podsecurity;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
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
 * Pods may use only volume types that go through the API's own access control (PSS restricted,
 * "Volume Types"). OCI {@code image} volumes are read-only and allowed from Kubernetes 1.33.
 */
public final class VolumeTypeRestrictedRule implements Rule {

    private static final Set<String> ALLOWED = Set.of(
            "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final KubeVersion IMAGE_SINCE = new KubeVersion(1, 33);

    private static final RuleInfo INFO = new RuleInfo(
            "volume-type-restricted",
            "Pod uses a volume type outside the restricted set",
            Category.POD_SECURITY,
            Severity.MEDIUM,
            PodSecurityLevel.RESTRICTED,
            "Inline volume types such as hostPath, nfs, iscsi or gitRepo bypass PersistentVolume access "
                    + "control and reach node or network storage with the pod's own settings.",
            "Use configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or "
                    + "secret volumes; reach other storage through a PersistentVolume and a persistentVolumeClaim.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        boolean imageAllowed = context.settings().kubeVersion().atLeast(IMAGE_SINCE);
        PodTemplate.of(object).ifPresent(pod -> {
            for (PodVolume volume : PodVolume.of(pod)) {
                for (String type : volume.types()) {
                    if (!ALLOWED.contains(type) && !(imageAllowed && type.equals("image"))) {
                        out.add(new Violation(volume.field(type),
                                volume.describe() + " is of restricted type " + type));
                    }
                }
            }
        });
        return out;
    }
}
