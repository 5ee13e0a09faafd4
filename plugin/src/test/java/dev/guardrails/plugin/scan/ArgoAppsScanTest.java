package dev.guardrails.plugin.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails.argocd.app.AppSetExpander;
import dev.guardrails.argocd.app.ApplicationPlan;
import dev.guardrails.argocd.app.ApplicationPlanner;
import dev.guardrails.argocd.app.PlanNote;
import dev.guardrails.argocd.app.RepoIdentity;
import dev.guardrails.argocd.appset.ApplicationSetExpander;
import dev.guardrails.plugin.cli.GuardrailsCommand;
import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.ManifestObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Scans sample-repos/app-of-apps through its Argo CD Applications, as Argo CD would deploy it. */
class ArgoAppsScanTest {

    static final String URL = "https://git.example.com/platform/app-of-apps.git";

    static Path sample() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("sample-repos/app-of-apps"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("sample-repos above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("sample-repos/app-of-apps");
    }

    static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(root.relativize(p).toString(), Files.readString(p));
                }
            }
        }
        return files;
    }

    @Test
    void plansEveryApplicationOfTheSampleRepo() throws Exception {
        Path repo = sample();
        GuardrailsEngine engine = Engines.create();
        GuardrailsConfig config = new ConfigLoader(Engines.ruleIds(engine)).loadFromRepo(repo);
        RepoIdentity identity = new RepoIdentity(List.of(URL));
        AppSetExpander appSets = appSet -> {
            var e = new ApplicationSetExpander(repo, identity).expand(appSet);
            return new AppSetExpander.Expansion(e.applications(), e.problems());
        };
        Map<String, String> before = snapshot(repo);
        try (ApplicationPlan plan = new ApplicationPlanner(engine, appSets, identity)
                .plan(repo, config, ScanOptions.defaults(), "")) {
            assertThat(plan.notes()).extracting(PlanNote::line)
                    .allSatisfy(line -> assertThat(line).doesNotContain("invalid"));
            assertThat(plan.targets()).extracting(AppTarget::name)
                    .containsExactlyInAnyOrder("root", "backend", "frontend", "web", "frontend-canary");
            Map<String, ApplicationPlan.PlannedApp> apps = new java.util.HashMap<>();
            plan.applications().forEach(a -> apps.put(a.name(), a));
            assertThat(apps.get("backend").parent()).isEqualTo("root");
            assertThat(apps.get("frontend-canary").parent()).isEqualTo("root");

            AppTarget backend = target(plan, "backend");
            List<ManifestObject> objects = engine.render(backend, config, ScanOptions.defaults()).bundle().objects();
            ManifestObject deployment = objects.stream().filter(o -> o.kind().equals("Deployment")).findFirst()
                    .orElseThrow();
            assertThat(deployment.name()).as("kustomize namePrefix from the Application").isEqualTo("prod-backend");
            assertThat(deployment.at("spec.template.spec.containers[0].image").asText())
                    .isEqualTo("registry.example.com/core/backend:5.1.0");

            ManifestObject web = engine.render(target(plan, "web"), config, ScanOptions.defaults()).bundle()
                    .objects().get(0);
            assertThat(web.at("spec.replicas").asInt()).as("$values ref value file").isEqualTo(3);
            assertThat(web.at("spec.template.spec.containers[0].image").asText())
                    .as(".argocd-source-web.yaml parameter").isEqualTo("registry.example.com/web/site:1.1.0");
        }
        assertThat(snapshot(repo)).as("the sample repo is untouched").isEqualTo(before);
    }

    private static AppTarget target(ApplicationPlan plan, String name) {
        return plan.targets().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void scanCommandReportsApplicationsByName(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("report.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new GuardrailsCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("scan", sample().toString(), "--apps", "argocd", "--repo-url", URL,
                "--format", "json=" + json, "--no-color");
        assertThat(code).as("stderr: %s", err).isIn(0, 1);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        List<String> apps = new ArrayList<>();
        report.path("apps").forEach(a -> apps.add(a.path("name").asText()));
        assertThat(apps).containsExactlyInAnyOrder("root", "backend", "frontend", "web", "frontend-canary");
        assertThat(report.path("apps").findValues("error")).allSatisfy(e -> assertThat(e.isNull()).isTrue());

        StringWriter err2 = new StringWriter();
        CommandLine auto = new CommandLine(new GuardrailsCommand());
        auto.setOut(new PrintWriter(new StringWriter(), true));
        auto.setErr(new PrintWriter(err2, true));
        Path json2 = tmp.resolve("auto.json");
        // The sample names its repoURL in .guardrails.yaml; a copy without it has no Application pointing here.
        Path copy = tmp.resolve("copy");
        try (var files = java.nio.file.Files.walk(sample())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(sample().relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(p, target);
                }
            }
        }
        Path policy = copy.resolve(".guardrails.yaml");
        java.nio.file.Files.writeString(policy, java.nio.file.Files.readString(policy)
                .replaceAll("(?s)repoURLs:.*", ""));
        auto.execute("scan", copy.toString(), "--format", "json=" + json2);
        JsonNode dirs = new ObjectMapper().readTree(json2.toFile());
        assertThat(dirs.path("apps").findValuesAsText("name")).as("auto without --repo-url: directory discovery")
                .doesNotContain("root", "backend");
        assertThat(err2.toString()).contains("none with a source in this repository");
    }

    @Test
    void applicationsArgoCdWouldRefuseAreRenderFailures(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("apps"));
        Files.writeString(repo.resolve("apps/bad.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: bad}
                spec:
                  source: {repoURL: https://git.example.com/org/repo, path: apps, helm: {}, directory: {}}
                  destination: {namespace: bad}
                """);
        Path json = tmp.resolve("report.json");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new GuardrailsCommand());
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        cli.execute("scan", repo.toString(), "--repo-url", "git@git.example.com:org/repo.git", "--mode", "enforce",
                "--format", "json=" + json);
        assertThat(err.toString()).contains("guardrails: invalid: apps/bad.yaml:1: 'bad': multiple application"
                + " sources defined: Helm,Directory");
        JsonNode findings = new ObjectMapper().readTree(json.toFile()).path("findings");
        List<String> rules = new ArrayList<>();
        findings.forEach(f -> rules.add(f.path("ruleId").asText() + "@" + f.path("app").asText()));
        assertThat(rules).contains("render-failed@bad");
    }
}
