package dev.guardrails.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed: whatever was not checked (no app, an empty app, a source type that is not rendered,
 * a skipped Application or ApplicationSet, a failed render, an app past its deadline) is a coverage
 * entry with a reason, shown by every report, and blocking in enforce mode unless the policy lowers
 * that reason. Each case is a hostile or broken repo with its exact verdict: exit code and lines.
 */
class FailClosedTest {

    static final String URL = "https://git.example.com/team/gitops.git";
    static final String CLEAN_POD = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              labels: {app.kubernetes.io/name: x, app.kubernetes.io/part-of: x, team: x, owner: x}
            data:
              a: b
            """;

    @TempDir
    Path repo;

    private void write(String path, String text) throws IOException {
        Path p = repo.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static String app(String name, String sourceYaml) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  source:
                %s
                """.formatted(name, sourceYaml.indent(4).stripTrailing());
    }

    private CliRun scan(String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", repo.toString(), "--repo-url", URL, "--no-color"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String coverageLine(CliRun run) {
        return run.out().lines().filter(l -> l.contains("Coverage:")).findFirst().orElse("");
    }

    // --- no app at all ---

    @Test
    void emptyRepoInEnforceBlocksWithNoApps() {
        CliRun run = scan("--mode", "enforce");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("no-apps").contains("nothing was checked");
        assertThat(coverageLine(run)).isEqualTo("Coverage: 0 rendered, 0 skipped, 0 failed (no app found)");
    }

    @Test
    void emptyRepoInWarnModeStillSaysNothingWasChecked() {
        CliRun run = scan();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("WARN").contains("no-apps");
        assertThat(coverageLine(run)).contains("(no app found)");
    }

    @Test
    void everythingExcludedIsNoAppsToo() throws IOException {
        write("apps/web/cm.yaml", CLEAN_POD);
        write(".guardrails.yaml", "mode: enforce\nexclude: [\"apps/**\"]\n");
        CliRun run = scan();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("no-apps");
    }

    @Test
    void noAppsCanBeLoweredPerReason() {
        CliRun run = scan("--mode", "enforce", "--format", "text");
        assertThat(run.exitCode()).isEqualTo(1);
        try {
            write(".guardrails.yaml", "mode: enforce\nrules: {no-apps: audit}\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        CliRun lowered = scan();
        assertThat(lowered.exitCode()).isZero();
        assertThat(lowered.out()).contains("AUDIT").contains("no-apps");
    }

    // --- an app that renders nothing ---

    @Test
    void appRenderingNoObjectsBlocksInEnforce() throws IOException {
        write("apps/app.yaml", app("empty", "repoURL: " + URL + "\npath: deploy/empty"));
        write("deploy/empty/nothing.yaml", "# every object was removed\n");
        CliRun run = scan("--mode", "enforce");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("app-empty").contains("app rendered no objects");
        assertThat(coverageLine(run)).isEqualTo("Coverage: 1 rendered (1 empty), 0 skipped, 0 failed");
    }

    @Test
    void allowEmptyAppsInThePolicyAcceptsAnIntendedEmptyApp() throws IOException {
        write("apps/app.yaml", app("empty", "repoURL: " + URL + "\npath: deploy/empty"));
        write("deploy/empty/nothing.yaml", "# placeholder\n");
        write(".guardrails.yaml", "mode: enforce\nallowEmptyApps: [\"deploy/empty\"]\n");
        CliRun run = scan();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("app-empty");
    }

    @Test
    void allowEmptyAppsMustBeAListOfStrings() throws IOException {
        write(".guardrails.yaml", "allowEmptyApps: yes\n");
        CliRun run = scan();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("allowEmptyApps").contains("must be a list of strings");
    }

    // --- sources that are not rendered ---

    @Test
    void jsonnetFilesInADirectoryAppAreNotSilentlyDropped() throws IOException {
        write("apps/app.yaml", app("mixed", "repoURL: " + URL + "\npath: deploy/mixed"));
        write("deploy/mixed/cm.yaml", CLEAN_POD);
        write("deploy/mixed/pod.jsonnet", "{ apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'},"
                + " spec: {hostNetwork: true, containers: [{name: 'c', image: 'x'}]} }\n");
        CliRun run = scan("--mode", "enforce");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("source-unsupported")
                .contains("1 Jsonnet file(s) not evaluated, so what they deploy was not checked: deploy/mixed/pod.jsonnet");
    }

    @Test
    void pluginSourceIsSkippedAndBlocksInEnforce() throws IOException {
        write("apps/app.yaml", app("cmp", "repoURL: " + URL + "\npath: deploy/cmp\nplugin:\n  name: vault-injector"));
        write("deploy/cmp/cm.yaml", CLEAN_POD);
        CliRun run = scan("--mode", "enforce");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Skipped (not checked)")
                .containsPattern("ENFORCE +cmp +source-unsupported +not rendered: rendered by a CMP \\(plugin 'vault-injector'\\)");
        assertThat(coverageLine(run)).isEqualTo("Coverage: 0 rendered, 1 skipped, 0 failed");
    }

    @Test
    void sourceInAnotherRepositoryIsSkippedAndBlocksInEnforce() throws IOException {
        write("apps/app.yaml", app("other", "repoURL: https://git.example.com/evil/elsewhere.git\npath: deploy"));
        write("apps/here.yaml", app("here", "repoURL: " + URL + "\npath: deploy/here"));
        write("deploy/here/cm.yaml", CLEAN_POD);
        CliRun run = scan("--mode", "enforce");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("other +source-unavailable +https://git.example.com/evil/elsewhere.git"
                + " is not this repository");
        assertThat(coverageLine(run)).isEqualTo("Coverage: 1 rendered, 1 skipped, 0 failed");
    }

    @Test
    void helmRepositoryChartIsSkipped() throws IOException {
        write("apps/app.yaml", app("redis", "repoURL: https://charts.example.com\nchart: redis\ntargetRevision: 1.2.3"));
        write("apps/here.yaml", app("here", "repoURL: " + URL + "\npath: deploy/here"));
        write("deploy/here/cm.yaml", CLEAN_POD);
        CliRun run = scan("--mode", "enforce");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("source-unavailable").contains("Helm repositories are not available offline");
    }

    @Test
    void skippedReasonLoweredToAuditPassesButStaysInCoverage() throws IOException {
        write("apps/app.yaml", app("other", "repoURL: https://git.example.com/x/y.git\npath: deploy"));
        write("apps/here.yaml", app("here", "repoURL: " + URL + "\npath: deploy/here"));
        write("deploy/here/cm.yaml", CLEAN_POD);
        write(".guardrails.yaml", "mode: enforce\nrules: {source-unavailable: audit}\n");
        CliRun run = scan();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("AUDIT +other +source-unavailable");
        assertThat(coverageLine(run)).isEqualTo("Coverage: 1 rendered, 1 skipped, 0 failed");
    }

    @Test
    void skippedReasonTurnedOffPassesButCoverageStillListsIt() throws IOException {
        write("apps/app.yaml", app("other", "repoURL: https://git.example.com/x/y.git\npath: deploy"));
        write("apps/here.yaml", app("here", "repoURL: " + URL + "\npath: deploy/here"));
        write("deploy/here/cm.yaml", CLEAN_POD);
        write(".guardrails.yaml", "mode: enforce\nrules: {source-unavailable: \"off\"}\n");
        CliRun run = scan();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Coverage: 1 rendered, 1 skipped, 0 failed")
                .containsPattern("OFF +other +source-unavailable");
    }

    // --- ApplicationSets ---

    @Test
    void clusterGeneratorCannotBeExpandedOfflineAndBlocks() throws IOException {
        write("appsets/addons.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: addons, namespace: argocd}
                spec:
                  generators:
                    - scmProvider:
                        github: {organization: acme}
                  template:
                    metadata: {name: '{{repository}}'}
                    spec:
                      project: default
                      source: {repoURL: '%s', path: deploy/here}
                      destination: {server: https://kubernetes.default.svc, namespace: addons}
                """.formatted(URL));
        write("apps/here.yaml", app("here", "repoURL: " + URL + "\npath: deploy/here"));
        write("deploy/here/cm.yaml", CLEAN_POD);
        CliRun run = scan("--mode", "enforce");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("addons +appset-not-expanded");
        assertThat(coverageLine(run)).isEqualTo("Coverage: 1 rendered, 1 skipped, 0 failed");
    }

    @Test
    void literalTemplateLeftInAGeneratedApplicationIsNotRendered() throws IOException {
        write("appsets/envs.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: envs, namespace: argocd}
                spec:
                  generators:
                    - list:
                        elements:
                          - env: dev
                  template:
                    metadata: {name: 'web-{{env}}'}
                    spec:
                      project: default
                      source: {repoURL: '%s', path: '{{path}}'}
                      destination: {server: https://kubernetes.default.svc, namespace: '{{env}}'}
                """.formatted(URL));
        write("apps/here.yaml", app("here", "repoURL: " + URL + "\npath: deploy/here"));
        write("deploy/here/cm.yaml", CLEAN_POD);
        CliRun run = scan("--mode", "enforce");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("web-dev +template-unresolved +generated by ApplicationSet 'envs'"
                + " with an unresolved template in spec.source.path: '\\{\\{path}}'");
    }

    @Test
    void literalTemplateInAPlainApplicationIsNotRendered() throws IOException {
        write("apps/app.yaml", app("decoy", "repoURL: " + URL + "\npath: '{{path}}'"));
        write("apps/here.yaml", app("here", "repoURL: " + URL + "\npath: deploy/here"));
        write("deploy/here/cm.yaml", CLEAN_POD);
        CliRun run = scan("--mode", "enforce");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("decoy +template-unresolved");
    }

    // --- failed renders count as failed in coverage ---

    @Test
    void invalidApplicationIsAFailedAppInCoverage() throws IOException {
        write("apps/app.yaml", app("both", "repoURL: " + URL + "\npath: deploy/here\nhelm: {}\nkustomize: {}"));
        write("apps/here.yaml", app("here", "repoURL: " + URL + "\npath: deploy/here"));
        write("deploy/here/cm.yaml", CLEAN_POD);
        CliRun run = scan("--mode", "enforce");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("render failed:");
        assertThat(coverageLine(run)).isEqualTo("Coverage: 1 rendered, 0 skipped, 1 failed");
    }

    @Test
    void brokenChartIsAFailedAppEvenInWarnModeCoverage() throws IOException {
        write("apps/app.yaml", app("broken", "repoURL: " + URL + "\npath: charts/broken"));
        write("charts/broken/Chart.yaml", "apiVersion: v2\nname: broken\nversion: 0.1.0\n");
        write("charts/broken/templates/cm.yaml", "{{ fail \"this chart refuses to render\" }}\n");
        CliRun run = scan();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("render failed:").contains("this chart refuses to render");
        assertThat(coverageLine(run)).isEqualTo("Coverage: 0 rendered, 0 skipped, 1 failed");
    }

    // --- deadlines ---

    @Test
    void appPastItsDeadlineDuringRenderIsNotAPass() throws IOException {
        write("apps/app.yaml", app("slow", "repoURL: " + URL + "\npath: charts/slow"));
        write("charts/slow/Chart.yaml", "apiVersion: v2\nname: slow\nversion: 0.1.0\n");
        // Cheap to write, expensive to render: a billion-step loop.
        write("charts/slow/templates/cm.yaml",
                "{{- $n := 0 }}{{- range $i := until 1000000000 }}{{- $n = add $n 1 }}{{- end }}\n"
                        + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {n: \"{{ $n }}\"}\n");
        CliRun run = scan("--mode", "enforce", "--app-timeout", "2");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("not checked: its deadline passed while rendering and parsing (--app-timeout 2s");
        assertThat(coverageLine(run)).isEqualTo("Coverage: 0 rendered, 0 skipped, 1 failed");
    }

    @Test
    void appPastItsDeadlineInWarnModeIsStillFailedCoverage() throws IOException {
        write("apps/app.yaml", app("slow", "repoURL: " + URL + "\npath: charts/slow"));
        write("charts/slow/Chart.yaml", "apiVersion: v2\nname: slow\nversion: 0.1.0\n");
        write("charts/slow/templates/cm.yaml",
                "{{- range $i := until 1000000000 }}{{- end }}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        write(".guardrails.yaml", "rules: {app-timeout: \"off\"}\n");
        CliRun run = scan("--app-timeout", "1");
        // app-timeout is never silent: off is raised to audit, and coverage counts the app as failed.
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("render failed: not checked");
        assertThat(coverageLine(run)).isEqualTo("Coverage: 0 rendered, 0 skipped, 1 failed");
    }

    @Test
    void negativeTimeoutIsAUsageError() {
        CliRun run = scan("--app-timeout", "-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--app-timeout and --scan-timeout must be 0 (none) or a number of seconds");
    }

    // --- every format carries coverage ---

    private void skippedAndRendered() throws IOException {
        write("apps/app.yaml", app("cmp", "repoURL: " + URL + "\npath: deploy/cmp\nplugin:\n  name: sops"));
        write("apps/here.yaml", app("here", "repoURL: " + URL + "\npath: deploy/here"));
        write("deploy/here/cm.yaml", CLEAN_POD);
        write("deploy/cmp/cm.yaml", CLEAN_POD);
    }

    @Test
    void jsonCarriesCoverageWithReasons() throws Exception {
        skippedAndRendered();
        CliRun run = scan("--mode", "enforce", "--format", "json");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode coverage = new ObjectMapper().readTree(run.out()).get("coverage");
        assertThat(coverage.get("complete").asBoolean()).isFalse();
        assertThat(coverage.get("rendered").asInt()).isEqualTo(1);
        assertThat(coverage.get("skipped").asInt()).isEqualTo(1);
        assertThat(coverage.get("failed").asInt()).isZero();
        JsonNode skipped = coverage.get("skippedApps").get(0);
        assertThat(skipped.get("app").asText()).isEqualTo("cmp");
        assertThat(skipped.get("reason").asText()).isEqualTo("source-unsupported");
        assertThat(skipped.get("location").asText()).startsWith("apps/app.yaml");
    }

    @Test
    void sarifCarriesCoverageAndAResultPerSkippedApp() throws Exception {
        skippedAndRendered();
        CliRun run = scan("--mode", "enforce", "--format", "sarif");
        JsonNode sarifRun = new ObjectMapper().readTree(run.out()).get("runs").get(0);
        assertThat(sarifRun.at("/properties/coverage/skipped").asInt()).isEqualTo(1);
        List<String> rules = new ArrayList<>();
        sarifRun.get("results").forEach(r -> rules.add(r.get("ruleId").asText()));
        assertThat(rules).contains("source-unsupported");
        assertThat(sarifRun.at("/invocations/0/toolExecutionNotifications/0/message/text").asText())
                .startsWith("App cmp was not checked (source-unsupported)");
    }

    @Test
    void junitHasASkippedAppsSuiteThatFailsInEnforce() throws IOException {
        skippedAndRendered();
        CliRun run = scan("--mode", "enforce", "--format", "junit");
        assertThat(run.out()).contains("<testsuite name=\"skipped apps\"")
                .contains("<testcase name=\"cmp (source-unsupported)\" classname=\"coverage\"")
                .contains("<failure message=\"not rendered: rendered by a CMP (plugin &apos;sops&apos;)\" type=\"source-unsupported\"");
    }

    @Test
    void markdownHasTheCoverageLineAndSkippedTable() throws IOException {
        skippedAndRendered();
        CliRun run = scan("--mode", "enforce", "--format", "markdown");
        assertThat(run.out()).contains("**Coverage:** 1 rendered, 1 skipped, 0 failed.")
                .contains("| Skipped app | Reason | Why |")
                .contains("| cmp | `source-unsupported` |");
    }

    @Test
    void completeCleanScanSaysSoInOneLine() throws IOException {
        write("apps/here.yaml", app("here", "repoURL: " + URL + "\npath: deploy/here"));
        write("deploy/here/cm.yaml", CLEAN_POD);
        CliRun run = scan("--mode", "enforce");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip())
                .isEqualTo("No guardrail findings in 1 app (1 object). Coverage: 1 rendered, 0 skipped, 0 failed.");
    }
}
