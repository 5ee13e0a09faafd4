package dev.guardrails.plugin.cli;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails.scanner.fix.BuiltinFixes;
import dev.guardrails.scanner.fix.Fixer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code guardrails fix} end to end with the real renderers: edits land where the author works
 * (golden files keep comments and layout), every fix is proven by a re-render, and a fix the
 * re-render contradicts is rolled back.
 */
class FixCommandTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fix");

    @TempDir
    Path tmp;

    private Path copy(String fixture) throws IOException {
        return copyTree(FIXTURES.resolve(fixture), tmp.resolve(fixture));
    }

    /** A copy of a fixture tree (the fix tests write into their repo). */
    static Path copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        return target;
    }

    /** A one-rule policy for the repos the tests write themselves. */
    private static final String READ_ONLY_ROOT_POLICY = "mode: off\nrules:\n  read-only-root-filesystem: warn\n";

    /** Writes a repo file, creating its directories. */
    private static void write(Path repo, String path, String text) throws IOException {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), text);
    }

    private static String golden(String name) throws IOException {
        return Files.readString(FIXTURES.resolve("golden").resolve(name));
    }

    /**
     * Where each fixable rule's fix lands in the chart laid out as {@code helm create} scaffolds it
     * (fix/helm-rules): the values key the re-render proved. Every fixable rule has a row, so a new
     * fixer fails {@link #everyFixableRuleIsFixedInHelmValues} until its Helm behaviour is decided.
     */
    private static final Map<String, String> HELM_VALUES_KEYS = Map.ofEntries(
            entry("read-only-root-filesystem", "securityContext.readOnlyRootFilesystem"),
            entry("privilege-escalation", "securityContext.allowPrivilegeEscalation"),
            entry("run-as-non-root", "securityContext.runAsNonRoot"),
            entry("capabilities-not-dropped", "securityContext.capabilities.drop"),
            // The pod-level field: podSecurityContext, not the container's equally empty securityContext.
            entry("seccomp-profile-missing", "podSecurityContext.seccompProfile.type"),
            // A key only the template reads (hasKey): values.yaml mentions it in a comment.
            entry("service-account-token-automount", "automountServiceAccountToken"),
            entry("cpu-request-missing", "resources.requests.cpu"),
            entry("memory-request-missing", "resources.requests.memory"),
            entry("cpu-limit-missing", "resources.limits.cpu"),
            entry("memory-limit-missing", "resources.limits.memory"),
            entry("liveness-probe-missing", "livenessProbe"),
            // Commented out in values.yaml: the key is added.
            entry("readiness-probe-missing", "readinessProbe"),
            // Merged by the labels helper into every object's labels, so one key fixes all three objects.
            entry("required-labels", "commonLabels.team"),
            // The template joins repository and tag; the digest apps/report pins the same image by goes after the tag.
            entry("image-digest-missing", "image.tag"));

    static Stream<String> fixableRules() {
        return BuiltinFixes.all().stream().map(Fixer::ruleId);
    }

    @Test
    void plainManifestsAreFixedInPlaceKeepingCommentsAndLayout() throws IOException {
        Path repo = copy("plain");
        String cronJob = Files.readString(repo.resolve("apps/web/cronjob.yaml"));

        CliRun run = CliRun.of("fix", repo.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("14 fixed, 0 refused, 0 not auto-fixable.");
        assertThat(Files.readString(repo.resolve("apps/web/deployment.yaml"))).isEqualTo(golden("plain/deployment.yaml"));
        assertThat(Files.readString(repo.resolve("apps/web/cronjob.yaml"))).isEqualTo(cronJob);
        assertThat(CliRun.of("fix", repo.toString()).out()).contains("Nothing to fix");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixableRules")
    void everyFixableRuleIsFixedInPlainYaml(String rule) throws IOException {
        Path repo = copy("plain");

        CliRun run = CliRun.of("fix", repo.toString(), "--rule", rule);

        assertThat(run.out()).as(run.err()).contains("fixed       " + rule + " apps/web Deployment/web")
                .doesNotContainPattern("(?m)^refused").doesNotContainPattern("(?m)^not-fixable");
        assertThat(CliRun.of("fix", repo.toString(), "--rule", rule).out()).contains("Nothing to fix");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixableRules")
    void everyFixableRuleIsFixedInAnOverlayWithoutTouchingTheSharedBase(String rule) throws IOException {
        Path repo = copy("kustomize");
        String base = Files.readString(repo.resolve("base/deployment.yaml"));

        CliRun run = CliRun.of("fix", repo.toString(), "--rule", rule);

        assertThat(run.out()).as(run.err()).contains("fixed       " + rule + " overlays/dev Deployment/api: as a patch in "
                + "overlays/dev/guardrails-fixes.yaml").doesNotContainPattern("(?m)^refused");
        assertThat(Files.readString(repo.resolve("base/deployment.yaml"))).isEqualTo(base);
        assertThat(CliRun.of("fix", repo.toString(), "--rule", rule).out()).doesNotContain(rule + " overlays/dev");
    }

    @Test
    void anOverlayOwnsItsFilesAndPatchesWhatItTakesFromABase() throws IOException {
        Path repo = copy("kustomize");
        String base = Files.readString(repo.resolve("base/deployment.yaml"));

        CliRun run = CliRun.of("fix", repo.toString(), "--rule", "read-only-root-filesystem",
                "--rule", "cpu-request-missing", "--rule", "capabilities-not-dropped");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("9 fixed, 0 refused, 0 not auto-fixable.")
                .contains("fixed       cpu-request-missing overlays/prod Deployment/prod-worker: in overlays/prod/worker.yaml");
        Path prod = repo.resolve("overlays/prod");
        assertThat(Files.readString(prod.resolve("guardrails-fixes.yaml"))).isEqualTo(golden("kustomize/guardrails-fixes.yaml"));
        assertThat(Files.readString(prod.resolve("kustomization.yaml"))).isEqualTo(golden("kustomize/kustomization.yaml"));
        assertThat(Files.readString(prod.resolve("worker.yaml"))).isEqualTo(golden("kustomize/worker.yaml"));
        assertThat(Files.readString(repo.resolve("base/deployment.yaml"))).isEqualTo(base);
    }

    @Test
    void helmFixesGoIntoValuesKeysAndAContradictedGuessIsRolledBack() throws IOException {
        Path repo = copy("helm");
        String template = Files.readString(repo.resolve("charts/shop/templates/deployment.yaml"));

        CliRun run = CliRun.of("fix", repo.toString(), "--rule", "read-only-root-filesystem",
                "--rule", "cpu-request-missing", "--rule", "seccomp-profile-missing", "--rule", "run-as-non-root");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out())
                .contains("fixed       read-only-root-filesystem charts/shop Deployment/shop spec.template.spec.containers[0].securityContext"
                        + ".readOnlyRootFilesystem: in charts/shop/values.yaml key "
                        + "securityContext.readOnlyRootFilesystem")
                // The metrics container hard-codes false; the similarly named sidecar value was tried and did not help.
                .contains("refused     read-only-root-filesystem charts/shop Deployment/shop spec.template.spec.containers[1].securityContext"
                        + ".readOnlyRootFilesystem: rolled back, in "
                        + "charts/shop/values.yaml key sidecar.readOnlyRootFilesystem: the re-render still reports")
                .contains("not-fixable run-as-non-root charts/shop Deployment/shop spec.template.spec.containers[1].securityContext"
                        + ".runAsNonRoot: no values key feeds "
                        + "spec.template.spec.containers[1].securityContext.runAsNonRoot; the chart's template sets it; "
                        + "edit charts/shop/templates/deployment.yaml");
        assertThat(Files.readString(repo.resolve("charts/shop/values.yaml"))).isEqualTo(golden("helm/values.yaml"));
        assertThat(Files.readString(repo.resolve("charts/shop/templates/deployment.yaml"))).isEqualTo(template);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixableRules")
    void everyFixableRuleIsFixedInHelmValues(String rule) throws IOException {
        assertThat(HELM_VALUES_KEYS).as("the Helm row for " + rule).containsKey(rule);
        Path repo = copy("helm-rules");
        Path chart = repo.resolve("charts/web");
        Map<String, String> templates = texts(chart.resolve("templates"));
        String values = Files.readString(chart.resolve("values.yaml"));

        CliRun run = CliRun.of("fix", repo.toString(), "--rule", rule);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("fixed       " + rule + " charts/web Deployment/web: in charts/web/values.yaml key "
                        + HELM_VALUES_KEYS.get(rule))
                .doesNotContainPattern("(?m)^refused").doesNotContainPattern("(?m)^not-fixable");
        assertThat(texts(chart.resolve("templates"))).isEqualTo(templates);
        String fixed = Files.readString(chart.resolve("values.yaml"));
        assertThat(fixed).isNotEqualTo(values);
        assertThat(commentLines(fixed)).isEqualTo(commentLines(values));
        assertThat(chartFindings(repo, "charts/web")).doesNotContain(rule).contains("pdb-missing");
    }

    @Test
    void aScaffoldedChartIsFixedInItsValuesKeepingCommentsAndLayout() throws IOException {
        Path repo = copy("helm-rules");
        Path chart = repo.resolve("charts/web");
        Map<String, String> templates = texts(chart.resolve("templates"));

        CliRun run = CliRun.of("fix", repo.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("16 fixed, 0 refused, 0 not auto-fixable.");
        assertThat(Files.readString(chart.resolve("values.yaml"))).isEqualTo(golden("helm-rules/values.yaml"));
        assertThat(texts(chart.resolve("templates"))).isEqualTo(templates);
        assertThat(CliRun.of("fix", repo.toString()).out()).contains("Nothing to fix");
    }

    /** Every file under a directory by relative path, to show templates are byte-identical. */
    private static Map<String, String> texts(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    private static List<String> commentLines(String yaml) {
        return yaml.lines().filter(l -> l.contains("#")).toList();
    }

    /** The rule ids a fresh scan reports for one app. */
    private static List<String> chartFindings(Path repo, String app) throws IOException {
        CliRun scan = CliRun.of("scan", repo.toString(), "--format", "json");
        JsonNode report = new ObjectMapper().readTree(scan.out());
        assertThat(report.path("coverage").path("failed").asInt(-1)).as(scan.err()).isZero();
        List<String> rules = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("app").asText().equals(app)) {
                rules.add(f.path("ruleId").asText());
            }
        });
        return rules;
    }

    @Test
    void aFixInValuesSharedByAnotherVariantIsRefusedWhenThatVariantGainsAFinding() throws IOException {
        Path repo = copy("helm-variants");
        String values = Files.readString(repo.resolve("charts/api/values.yaml"));

        CliRun run = CliRun.of("fix", repo.toString());

        // The default variant alone would take the probe; production names its port web, so the
        // shared values.yaml edit would give it a probe on an undeclared port.
        assertThat(run.out()).as(run.out() + run.err())
                .contains("refused     liveness-probe-missing charts/api Deployment/api: rolled back")
                .contains("the re-render of charts/api@prod adds probe-port-not-exposed")
                .doesNotContain("fixed ");
        assertThat(Files.readString(repo.resolve("charts/api/values.yaml"))).isEqualTo(values);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void aSourceTheEditorCannotWriteIsNotFixableAndUntouched() throws IOException {
        Path repo = tmp.resolve("json");
        write(repo, ".guardrails.yaml", READ_ONLY_ROOT_POLICY);
        String json = """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                 "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "web"}},
                 "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}
                """;
        write(repo, "apps/web/deployment.json", json);

        CliRun run = CliRun.of("fix", repo.toString());

        // Nothing was written, so nothing was rolled back: the author gets the reason and the place.
        assertThat(run.out()).as(run.out() + run.err())
                .contains("not-fixable read-only-root-filesystem apps/web Deployment/web: a flow-style mapping")
                .contains("edit apps/web/deployment.json:")
                .doesNotContain("rolled back");
        assertThat(Files.readString(repo.resolve("apps/web/deployment.json"))).isEqualTo(json);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void aFieldFromTheOverlaysOwnPatchIsFixedInThatPatch() throws IOException {
        Path repo = tmp.resolve("overlay-patch");
        write(repo, ".guardrails.yaml", READ_ONLY_ROOT_POLICY);
        write(repo, "base/kustomization.yaml", "resources:\n  - deployment.yaml\n");
        String base = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: registry.example.com/web:1.0.0
                          securityContext:
                            readOnlyRootFilesystem: true
                """;
        write(repo, "base/deployment.yaml", base);
        write(repo, "overlays/prod/kustomization.yaml", "resources:\n  - ../../base\npatches:\n  - path: sidecar.yaml\n");
        write(repo, "overlays/prod/sidecar.yaml", """
                # The log shipper, production only.
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: shipper
                          image: registry.example.com/shipper:2.1.0
                          securityContext:
                            runAsNonRoot: true   # uid 65532
                """);

        CliRun run = CliRun.of("fix", repo.toString());

        // The sidecar's securityContext is defined by the overlay's patch: the fix goes there, not
        // into a new patch file, and the shared base is untouched.
        assertThat(run.out()).as(run.out() + run.err())
                .contains("fixed       read-only-root-filesystem overlays/prod Deployment/web: in overlays/prod/sidecar.yaml");
        assertThat(Files.readString(repo.resolve("overlays/prod/sidecar.yaml"))).endsWith("""
                          securityContext:
                            runAsNonRoot: true   # uid 65532
                            readOnlyRootFilesystem: true
                """);
        assertThat(repo.resolve("overlays/prod/guardrails-fixes.yaml")).doesNotExist();
        assertThat(Files.readString(repo.resolve("base/deployment.yaml"))).isEqualTo(base);
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aContainerFromAValuesListIsFixedInItsListItem() throws IOException {
        Path repo = tmp.resolve("helm-list");
        write(repo, ".guardrails.yaml", READ_ONLY_ROOT_POLICY);
        write(repo, "charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        String template = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: registry.example.com/web:1.0.0
                          securityContext:
                            readOnlyRootFilesystem: true
                        {{- with .Values.sidecars }}
                        {{- toYaml . | nindent 8 }}
                        {{- end }}
                """;
        write(repo, "charts/web/templates/deployment.yaml", template);
        write(repo, "charts/web/values.yaml", """
                # Extra containers, rendered as written.
                sidecars:
                  - name: shipper
                    image: registry.example.com/shipper:2.1.0   # log shipper
                """);

        CliRun run = CliRun.of("fix", repo.toString());

        assertThat(run.out()).as(run.out() + run.err()).contains("fixed       read-only-root-filesystem charts/web "
                + "Deployment/web: in charts/web/values.yaml key sidecars[0].securityContext.readOnlyRootFilesystem");
        assertThat(Files.readString(repo.resolve("charts/web/values.yaml"))).isEqualTo("""
                # Extra containers, rendered as written.
                sidecars:
                  - name: shipper
                    image: registry.example.com/shipper:2.1.0   # log shipper
                    securityContext:
                      readOnlyRootFilesystem: true
                """);
        assertThat(Files.readString(repo.resolve("charts/web/templates/deployment.yaml"))).isEqualTo(template);
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void dryRunPrintsTheDiffAndLeavesTheCheckoutAlone() throws IOException {
        Path repo = copy("plain");
        String before = Files.readString(repo.resolve("apps/web/deployment.yaml"));

        CliRun run = CliRun.of("fix", repo.toString(), "--dry-run", "--rule", "read-only-root-filesystem");

        assertThat(run.out()).contains("(dry run: nothing was written)")
                .contains("--- a/apps/web/deployment.yaml").contains("+            readOnlyRootFilesystem: true");
        assertThat(Files.readString(repo.resolve("apps/web/deployment.yaml"))).isEqualTo(before);
    }

    @Test
    void aRuleWithoutAFixIsAUsageError() {
        CliRun run = CliRun.of("fix", FIXTURES.resolve("plain").toString(), "--rule", "host-network");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rule host-network is not auto-fixable");
    }

    @Test
    void policyDefaultsAreValidated() throws IOException {
        Path repo = copy("plain");
        Files.writeString(repo.resolve(".guardrails.yaml"), "fixes:\n  resources:\n    request: {cpu: 1}\n");

        CliRun run = CliRun.of("fix", repo.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(".guardrails.yaml: fixes.resources.request: unknown key (allowed: limits, requests)");
    }
}
