package dev.guardrails.scanner.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic GitOps repo for the audit benchmark: a third each of plain directories,
 * Kustomize overlays on a base and Helm charts, some objects compliant and some not. Adapted from
 * the scan benchmark's generator (package-private there).
 */
final class BenchRepos {

    private static final int OBJECT_GROUPS = 10;

    private BenchRepos() {
    }

    static void generate(Path root, int apps, int seed) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve(".guardrails.yaml"), "mode: warn\n");
        for (int i = 0; i < apps; i++) {
            switch (i % 3) {
                case 0 -> plain(root.resolve("plain/app-" + i), seed * 1000 + i);
                case 1 -> kustomize(root.resolve("kustomize/app-" + i), seed * 1000 + i);
                default -> helm(root.resolve("charts/app-" + i), seed * 1000 + i);
            }
        }
    }

    private static void plain(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < OBJECT_GROUPS; j++) {
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
        for (int j = 0; j < OBJECT_GROUPS; j++) {
            sb.append(objects("svc-" + j, null, j % 2 == 0));
        }
        Files.writeString(base.resolve("resources.yaml"), sb.toString());
        Files.writeString(base.resolve("kustomization.yaml"), "resources:\n  - resources.yaml\n");
        Files.writeString(overlay.resolve("kustomization.yaml"),
                "namespace: kns-" + n + "\nnamePrefix: prod-\nresources:\n  - ../../base\n");
    }

    private static void helm(Path dir, int n) throws IOException {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: app-" + n + "\nversion: 1.0.0\n");
        Files.writeString(dir.resolve("values.yaml"), "count: " + OBJECT_GROUPS + "\n");
        String template = objects("{{ $.Release.Name }}-{{ $i }}", null, true);
        Files.writeString(dir.resolve("templates/all.yaml"),
                "{{- range $i := until (int .Values.count) }}\n" + template + "{{- end }}\n");
    }

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
                + "spec:\n  selector:\n    app.kubernetes.io/name: " + name + "\n  ports:\n    - port: 80\n";
    }
}
