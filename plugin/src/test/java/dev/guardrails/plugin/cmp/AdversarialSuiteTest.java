package dev.guardrails.plugin.cmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.guardrails.plugin.cli.GuardrailsCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversarial suite: hostile repos under {@code src/test/resources/adversarial/<case>/}, each
 * with its exact expected verdict for {@code guardrails scan} and, where given, for
 * {@code guardrails cmp generate} run as argocd-cmp-server runs it. The format is described in
 * {@code src/test/resources/adversarial/README.md}.
 *
 * <p>Every case also proves that nothing from outside the repo reaches any output: the harness puts
 * a canary in the files next to the repo, and no report, manifest or error may contain it.
 */
class AdversarialSuiteTest {

    static final Path SUITE = CmpTestSupport.PROJECT_ROOT.resolve("plugin/src/test/resources/adversarial");
    static final String CANARY = "CANARY-OUTSIDE-5f2e";
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(SUITE)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("case.yaml"))).sorted().toList();
        }
        String only = System.getProperty("adversarial.only");
        if (only != null && !only.isBlank()) {
            // -Dadversarial.only=<regex> runs the matching cases (while writing one)
            dirs = dirs.stream().filter(d -> d.getFileName().toString().matches(only)).toList();
        } else {
            assertThat(dirs).as("adversarial cases").hasSizeGreaterThanOrEqualTo(40);
        }
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
    }

    private void run(Path caseDir) throws Exception {
        JsonNode spec = YAML.readTree(caseDir.resolve("case.yaml").toFile());
        Path work = Files.createDirectories(tmp.resolve(caseDir.getFileName().toString()));
        Path outside = outside(work.resolve("outside"));
        Path repo = work.resolve("repo");
        copyTree(caseDir.resolve("repo"), repo);
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("links").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> link = it.next();
            Path at = repo.resolve(link.getKey());
            Files.createDirectories(at.getParent());
            Files.createSymbolicLink(at, Path.of(link.getValue().asText().replace("{outside}", outside.toString())));
        }
        if (!Files.exists(repo.resolve(".guardrails.yaml"), LinkOption.NOFOLLOW_LINKS)) {
            Files.writeString(repo.resolve(".guardrails.yaml"), DEFAULT_POLICY);
        }
        String about = caseDir.getFileName() + ": " + spec.path("about").asText();
        if (spec.has("scan")) {
            checkScan(spec.get("scan"), repo, work, about);
        }
        if (spec.has("cmp")) {
            checkCmp(spec.get("cmp"), repo, work, about);
        }
    }

    private void checkScan(JsonNode expect, Path repo, Path work, String about) throws IOException {
        Path json = work.resolve("report.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GuardrailsCommand.run(new PrintWriter(out), new PrintWriter(err),
                "scan", repo.toString(), "--no-color", "-f", "text", "-f", "json=" + json);
        String text = out + "\n" + err + "\n" + (Files.exists(json) ? Files.readString(json) : "");
        assertThat(code).as(about + "\n" + text).isEqualTo(expect.path("exit").asInt());
        strings(expect.path("contains")).forEach(s -> assertThat(text).as(about).contains(s));
        strings(expect.path("absent")).forEach(s -> assertThat(text).as(about).doesNotContain(s));
        assertThat(text).as(about + ": nothing from outside the repo").doesNotContain(CANARY);
    }

    private void checkCmp(JsonNode expect, Path repo, Path work, String about) throws Exception {
        CmpServerHarness harness = new CmpServerHarness(CmpTestSupport.testPlugin("plugin-cli.yaml"),
                CmpTestSupport.baseEnv(work), work, CmpTestSupport.DEADLINE);
        String app = expect.path("app").asText("app");
        String mode = expect.path("mode").asText("warn");
        Map<String, String> env = CmpTestSupport.argoEnv("adversarial", "default", app,
                "[{\"name\":\"mode\",\"string\":\"" + mode + "\"}]");
        String text;
        boolean failed;
        List<ObjectNode> manifests = List.of();
        try {
            CmpServerHarness.Generated generated = harness.generate(repo, app, env);
            manifests = generated.manifests();
            text = YAML.writeValueAsString(manifests) + "\n" + generated.stderr();
            failed = false;
        } catch (CmpServerHarness.CmpFailure e) {
            text = e.getMessage();
            failed = true;
        }
        assertThat(failed).as(about + "\n" + text).isEqualTo(expect.path("fails").asBoolean(false));
        String all = text;
        strings(expect.path("contains")).forEach(s -> assertThat(all).as(about).contains(s));
        strings(expect.path("absent")).forEach(s -> assertThat(all).as(about).doesNotContain(s));
        assertThat(all).as(about + ": nothing from outside the repo").doesNotContain(CANARY);
        for (Iterator<Map.Entry<String, JsonNode>> it = expect.path("values").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> value = it.next();
            String[] parts = value.getKey().split(" ", 2);
            String[] kindName = parts[0].split("/", 2);
            ObjectNode object = CmpTestSupport.find(manifests, kindName[0], kindName[1]);
            assertThat(object.at(parts[1])).as(about + ": " + value.getKey()).isEqualTo(value.getValue());
        }
    }

    /** Policy for cases without their own: only the rules the suite is about, all enforced. */
    static final String DEFAULT_POLICY = """
            mode: "off"
            rules:
              host-network: enforce
              host-pid: enforce
              host-ipc: enforce
              privileged-container: enforce
              manifest-invalid: enforce
              render-failed: enforce
            """;

    /** Files next to the repo that must never show up in any output. */
    private static Path outside(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("chart/templates"));
        Files.createDirectories(dir.resolve("kustomize"));
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s}
                data: {secret: %s}
                """.formatted(CANARY.toLowerCase(), CANARY);
        Files.writeString(dir.resolve("secret.yaml"), configMap);
        Files.writeString(dir.resolve("passwd"), "root:x:0:0:" + CANARY + ":/root:/bin/bash\n");
        Files.writeString(dir.resolve("values.yaml"), "leak: " + CANARY + "\n");
        Files.writeString(dir.resolve("policy.yaml"), CANARY + ": enforce\n");
        Files.writeString(dir.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: outside\nversion: 0.1.0\n");
        Files.writeString(dir.resolve("chart/templates/cm.yaml"), configMap);
        Files.writeString(dir.resolve("kustomize/kustomization.yaml"), "resources: [cm.yaml]\n");
        Files.writeString(dir.resolve("kustomize/cm.yaml"), configMap);
        return dir;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
