package dev.guardrails.scanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic GitOps repo: a third each of plain directories, Kustomize overlays on a shared
 * base, and Helm charts. Every app renders 40 objects (workloads, services, config maps, policies),
 * some compliant and some not, so rules do real work.
 */
public final class BenchRepo {

    static final int OBJECTS_PER_APP = 40;

    private BenchRepo() {
    }

    static void generate(Path root, int apps) throws IOException {
        generate(root, apps, 0);
    }

    /** A repo of {@code apps} apps; different seeds give different app and namespace names. */
    public static void generate(Path root, int apps, int seed) throws IOException {
        for (int i = 0; i < apps; i++) {
            int n = seed * 1000 + i;
            switch (i % 3) {
                case 0 -> plain(root.resolve("plain/app-" + i), n);
                case 1 -> kustomize(root.resolve("kustomize/app-" + i), n);
                default -> helm(root.resolve("charts/app-" + i), n);
            }
        }
    }

    private static void plain(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < OBJECTS_PER_APP / 4; j++) {
            sb.append(objects("app-" + n + "-" + j, "ns-" + n, j % 2 == 0));
        }
        Files.writeString(dir.resolve("manifests.yaml"), sb.toString());
    }

    private static void kustomize(Path dir, int n) throws IOException {
        Path base = dir.resolve("base");
        Path overlay = dir.resolve("overlays/prod");
        Files.createDirectories(base);
        Files.createDirectories(overlay);
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < OBJECTS_PER_APP / 4; j++) {
            sb.append(objects("svc-" + j, null, j % 2 == 0));
        }
        Files.writeString(base.resolve("resources.yaml"), sb.toString());
        Files.writeString(base.resolve("kustomization.yaml"), "resources:\n  - resources.yaml\n");
        Files.writeString(overlay.resolve("kustomization.yaml"),
                "namespace: kns-" + n + "\nnamePrefix: prod-\nresources:\n  - ../../base\n"
                        + "labels:\n  - pairs:\n      team: t" + n + "\n");
    }

    private static void helm(Path dir, int n) throws IOException {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: app-" + n + "\nversion: 1.0.0\n");
        Files.writeString(dir.resolve("values.yaml"), "count: " + (OBJECTS_PER_APP / 4) + "\nhardened: true\n");
        String template = objects("{{ $.Release.Name }}-{{ $i }}", null, true)
                .replace("\"HARDENED\"", "{{ $.Values.hardened }}");
        Files.writeString(dir.resolve("templates/all.yaml"),
                "{{- range $i := until (int .Values.count) }}\n" + template + "{{- end }}\n");
    }

    /** Four objects: Deployment, Service, ConfigMap, PodDisruptionBudget. */
    private static String objects(String name, String namespace, boolean hardened) {
        String ns = namespace == null ? "" : "  namespace: " + namespace + "\n";
        String security = hardened
                ? "          securityContext:\n            runAsNonRoot: true\n            allowPrivilegeEscalation: false\n"
                + "            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]\n"
                : "          securityContext:\n            privileged: true\n";
        return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n" + ns
                + "  labels:\n    app.kubernetes.io/name: " + name + "\nspec:\n  replicas: 3\n"
                + "  selector:\n    matchLabels:\n      app.kubernetes.io/name: " + name + "\n"
                + "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: " + name + "\n"
                + "    spec:\n      containers:\n        - name: app\n          image: registry.example.com/app:1.2.3\n"
                + "          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n            limits: {memory: 256Mi}\n"
                + "          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n"
                + security
                + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n" + ns
                + "spec:\n  selector:\n    app.kubernetes.io/name: " + name + "\n  ports:\n    - port: 80\n"
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "-config\n" + ns
                + "data:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: \"a,b,c\"\n"
                + "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: " + name + "\n" + ns
                + "spec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: " + name + "\n";
    }
}
