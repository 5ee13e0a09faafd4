package dev.guardrails.scanner.rules.hardening;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.podsecurity.PodVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pods must not mount the container runtime's API socket, nor a directory that holds it: whoever
 * can talk to the runtime can start a privileged container on the node.
 */
public final class RuntimeSocketMountRule implements Rule {

    private static final Set<String> SOCKET_NAMES = Set.of(
            "docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock", "dockershim.sock", "podman.sock");

    /** Directories whose mount exposes a runtime socket inside them. */
    private static final Set<String> SOCKET_DIRS = Set.of(
            "/", "/run", "/var/run", "/run/containerd", "/var/run/containerd", "/run/crio", "/var/run/crio",
            "/run/docker", "/var/run/docker", "/run/k3s/containerd", "/run/podman", "/var/run/podman");

    private static final RuleInfo INFO = RuleInfo.of(
            "runtime-socket-mount",
            "Pod mounts the container runtime socket",
            Category.HARDENING,
            Severity.CRITICAL,
            "The Docker, containerd or CRI-O socket is an unauthenticated root API on the node: any "
                    + "process that can reach it can start privileged containers and take over the node.",
            "Remove the hostPath volume for the runtime socket; build images with a rootless builder "
                    + "(such as BuildKit rootless or kaniko) and read runtime state through the Kubernetes API.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** True when a hostPath path is a runtime socket or a directory that contains one. */
    static boolean exposesSocket(String hostPath) {
        String path = normalize(hostPath);
        if (SOCKET_DIRS.contains(path)) {
            return true;
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        return SOCKET_NAMES.contains(file);
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (PodVolume volume : PodVolume.of(pod)) {
                if (volume.isHostPath() && exposesSocket(volume.hostPath())) {
                    out.add(new Violation(volume.field("hostPath", "path"),
                            volume.describe() + " mounts the container runtime socket via host path '"
                                    + volume.hostPath() + "'"));
                }
            }
        });
        return out;
    }

    private static String normalize(String path) {
        String p = path.trim().replaceAll("/+", "/");
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
