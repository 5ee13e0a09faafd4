package dev.guardrails.plugin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails.plugin.cli.GuardrailsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("guardrails.projectRoot", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GuardrailsCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void auditsSampleReposIntoJsonAndHtml() throws Exception {
        Path json = tmp.resolve("out/audit.json");
        Path html = tmp.resolve("out/audit.html");
        Run run = run("audit", "--repo", ROOT.resolve("sample-repos/plain").toString(),
                "--repo", ROOT.resolve("sample-repos/helm-chart").toString(),
                "--json", json.toString(), "--html", html.toString(), "--cache-dir", tmp.resolve("cache").toString());

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1); // plain enforces pod-security
        assertThat(run.out()).contains("Audited 2 repos (0 failed)");
        assertThat(run.err()).contains("audit: [1/2]").contains("audit: [2/2]").contains("render cache");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.path("repos")).extracting(r -> r.path("name").asText()).containsExactly("plain", "helm-chart");
        assertThat(doc.path("findings")).anySatisfy(f -> {
            assertThat(f.path("repo").asText()).isEqualTo("plain");
            assertThat(f.path("rule").asText()).isEqualTo("privileged-container");
            assertThat(f.path("mode").asText()).isEqualTo("enforce");
        });
        assertThat(doc.path("findings")).anySatisfy(f -> assertThat(f.path("repo").asText()).isEqualTo("helm-chart"));
        String page = Files.readString(html);
        assertThat(page).contains("<h1>Guardrails audit</h1>").contains("<td>helm-chart</td>");

        // the second run against the same cache renders nothing afresh, and a trend shows no change
        Run again = run("audit", "--repo", ROOT.resolve("sample-repos/plain").toString(),
                "--repo", ROOT.resolve("sample-repos/helm-chart").toString(), "--previous", json.toString(),
                "--no-progress", "--json", tmp.resolve("again.json").toString(),
                "--cache-dir", tmp.resolve("cache").toString());
        assertThat(again.out()).contains("+0 (0 new, 0 fixed)");
        assertThat(new ObjectMapper().readTree(tmp.resolve("again.json").toFile()).path("findings"))
                .isEqualTo(doc.path("findings"));
    }

    @Test
    void failedRepoExitsOneAndShardsMerge() throws Exception {
        Path repos = tmp.resolve("repos.yaml");
        Files.writeString(repos, "repos:\n"
                + "  - {name: plain, path: " + ROOT.resolve("sample-repos/plain") + ", team: shop}\n"
                + "  - {name: gone, url: " + tmp.resolve("gone").toUri() + ", ref: main}\n"
                + "  - {name: kustomize, path: " + ROOT.resolve("sample-repos/kustomize-overlays") + "}\n");
        Run first = run("audit", "--repos", repos.toString(), "--shard", "1/2", "--no-cache",
                "--json", tmp.resolve("s1.json").toString());
        assertThat(first.code()).as(first.out() + first.err()).isEqualTo(1);
        assertThat(first.out()).contains("FAILED gone (clone)").contains("Audited 1 repos (1 failed)");
        Run second = run("audit", "--repos", repos.toString(), "--shard", "0/2", "--no-cache",
                "--json", tmp.resolve("s0.json").toString());
        assertThat(second.out()).contains("Audited 2 repos (0 failed)");

        Run merged = run("audit", "--merge", tmp.resolve("s0.json").toString(), "--merge", tmp.resolve("s1.json").toString(),
                "--json", tmp.resolve("all.json").toString());
        assertThat(merged.code()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(tmp.resolve("all.json").toFile());
        assertThat(doc.path("repos")).extracting(r -> r.path("name").asText()).containsExactly("plain", "kustomize", "gone");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("audit").code()).isEqualTo(2);
        assertThat(run("audit", "--repo", "x", "--shard", "2/2").code()).isEqualTo(2);
        Run missing = run("audit", "--repos", tmp.resolve("none.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("not found");
    }
}
