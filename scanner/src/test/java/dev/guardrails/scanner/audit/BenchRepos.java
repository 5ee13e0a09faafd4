package dev.guardrails.scanner.audit;

import dev.guardrails.scanner.bench.BenchRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Synthetic repos for the audit benchmark: the scan benchmark's generator plus a policy file, and
 * the shapes public repos have that cost most on a re-audit: charts that fail to render (a
 * required value unset, a template error), a chart generating secrets (rendered twice) with env and
 * ci value variants, a library chart, and Kustomize components used by an overlay.
 */
final class BenchRepos {

    private BenchRepos() {
    }

    static void generate(Path root, int apps, int seed) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve(".guardrails.yaml"), "mode: warn\ncharts:\n  variants: [default, env, ci]\n");
        BenchRepo.generate(root, apps, seed);
        realWorldShapes(root.resolve("shapes"), seed);
    }

    private static void realWorldShapes(Path dir, int seed) throws IOException {
        write(dir.resolve("broken-required/Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 0.1." + seed + "\n");
        write(dir.resolve("broken-required/templates/cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ required "values.host is required" .Values.host }}
                """);
        write(dir.resolve("broken-template/Chart.yaml"), "apiVersion: v2\nname: broken2\nversion: 0.1." + seed + "\n");
        write(dir.resolve("broken-template/templates/cm.yaml"), "{{ include \"missing.helper\" . }}\n");

        write(dir.resolve("common/Chart.yaml"), "apiVersion: v2\nname: common\ntype: library\nversion: 1.0.0\n");
        write(dir.resolve("common/templates/_h.tpl"), "{{- define \"common.x\" -}}x{{- end -}}\n");

        Path db = dir.resolve("database");
        write(db.resolve("Chart.yaml"), "apiVersion: v2\nname: database\nversion: 1.2." + seed + "\n");
        write(db.resolve("values.yaml"), "replicas: 1\nauth:\n  password: \"\"\n");
        write(db.resolve("values-prod.yaml"), "replicas: 3\n");
        write(db.resolve("values-staging.yaml"), "replicas: 2\n");
        write(db.resolve("ci/ha-values.yaml"), "replicas: 5\n");
        write(db.resolve("templates/secret.yaml"), """
                {{- $ca := genCA "db-ca" 365 }}
                apiVersion: v1
                kind: Secret
                metadata:
                  name: {{ .Release.Name }}-db
                data:
                  password: {{ .Values.auth.password | default (randAlphaNum 20) | b64enc | quote }}
                  ca.crt: {{ $ca.Cert | b64enc | quote }}
                """);
        write(db.resolve("templates/statefulset.yaml"), """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: {{ .Release.Name }}-db
                spec:
                  replicas: {{ .Values.replicas }}
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      containers:
                        - name: db
                          image: registry.example.com/postgres:16.4
                """);

        write(dir.resolve("kustomize/base/kustomization.yaml"), "resources: [deploy.yaml]\n");
        write(dir.resolve("kustomize/base/deploy.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers: [{name: api, image: registry.example.com/api:1.0.%d}]
                """.formatted(seed));
        write(dir.resolve("kustomize/components/pdb/kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [pdb.yaml]\n");
        write(dir.resolve("kustomize/components/pdb/pdb.yaml"), """
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: api}
                spec: {minAvailable: 1, selector: {matchLabels: {app: api}}}
                """);
        write(dir.resolve("kustomize/overlays/prod/kustomization.yaml"),
                "resources: [../../base]\ncomponents: [../../components/pdb]\nnamespace: api\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
