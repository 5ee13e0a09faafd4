package dev.guardrails.scanner.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.engine.ScanOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report of an audit of the sample repos in real headless Chromium and checks what
 * a person would see after the page's script ran. Chromium comes from scripts/install-test-deps.sh;
 * without it this test fails rather than skips, so a missing browser cannot pass unnoticed.
 */
class AuditHtmlBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GUARDRAILS_CHROMIUM", "/usr/bin/chromium"));
    private static AuditReport report;

    @TempDir
    Path tmp;

    @BeforeAll
    static void auditSamples() {
        List<AuditRepo> repos = List.of(
                new AuditRepo("plain", AuditFixtures.SAMPLES.resolve("plain").toString(), null, "shop"),
                new AuditRepo("helm-chart", AuditFixtures.SAMPLES.resolve("helm-chart").toString(), null, "web"),
                new AuditRepo("kustomize-overlays", AuditFixtures.SAMPLES.resolve("kustomize-overlays").toString(), null, "web"),
                new AuditRepo("missing", AuditFixtures.SAMPLES.resolve("no-such-repo").toUri().toString(), "main", "ghost"));
        report = AuditRunner.of(AuditFixtures.engine(), new ScanOptions(null, 1, Clock.systemUTC()),
                new AuditRunner.Options(2, Duration.ofMinutes(3), Optional.empty(), Clock.systemUTC()))
                .run(repos, null, AuditProgress.NONE);
    }

    @Test
    void chromiumIsInstalled() {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("headless Chromium at %s: run scripts/install-test-deps.sh", CHROMIUM).isTrue();
    }

    @Test
    void pageRendersSummaryAndTablesAfterScript() throws Exception {
        Path page = tmp.resolve("audit.html");
        AuditHtml.write(report, null, page);
        Browser run = dumpDom(page.toUri().toString());
        assertNoScriptErrors(run);
        assertThat(run.dom()).contains("id=\"card-repos-failed\"").contains("Repos that could not be audited (1)");
        assertThat(count(run.dom(), "<tr class=\"finding\"")).isEqualTo(report.findings().size()).isGreaterThan(0);
        assertThat(run.dom()).contains("<td>helm-chart</td>").contains("<td>kustomize-overlays</td>");
    }

    @Test
    void searchBoxFiltersRows() throws Exception {
        Path page = tmp.resolve("audit.html");
        AuditHtml.write(report, null, page);
        String query = "helm-chart";
        long expected = report.findings().stream().filter(f -> rowText(f).contains(query)).count();
        assertThat(expected).isPositive().isLessThan(report.findings().size());

        Browser run = dumpDom(page.toUri() + "#selftest=" + query);

        assertNoScriptErrors(run);
        assertThat(attribute(run.dom(), "data-selftest-total")).isEqualTo(String.valueOf(report.findings().size()));
        assertThat(attribute(run.dom(), "data-selftest-visible")).isEqualTo(String.valueOf(expected));
        assertThat(attribute(run.dom(), "data-selftest-counter")).isEqualTo(expected + " of " + report.findings().size());
        assertThat(count(run.dom(), "<tr class=\"finding hidden\"")).isEqualTo(report.findings().size() - expected);
    }

    /** What a findings row shows, lower-cased, as the page's search sees it. */
    private static String rowText(AuditFinding f) {
        String status = f.blocking() ? "blocking" : f.active() ? "active" : "exempted";
        return String.join("", f.severity(), f.mode(), f.repo(), f.team(), f.app(), f.namespace(),
                f.kind() + "/" + f.object(), f.rule(), f.message(), f.active() ? "" : "exempted: " + f.exemption(),
                f.line() > 0 ? f.file() + ":" + f.line() : f.file(), status).toLowerCase(Locale.ROOT);
    }

    private record Browser(String dom, String stderr) {
    }

    private Browser dumpDom(String url) throws IOException, InterruptedException {
        assertThat(Files.isExecutable(CHROMIUM)).as("chromium at %s (scripts/install-test-deps.sh)", CHROMIUM).isTrue();
        Path profile = Files.createDirectories(tmp.resolve("profile"));
        Path out = tmp.resolve("dom.html");
        Path err = tmp.resolve("stderr.txt");
        List<String> argv = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--enable-logging=stderr",
                "--v=0", "--dump-dom", url));
        Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(stderr).isZero();
        return new Browser(Files.readString(out, StandardCharsets.UTF_8), stderr);
    }

    private static void assertNoScriptErrors(Browser run) {
        assertThat(run.dom()).contains("</html>").doesNotContain("data-js-error=\"");
        for (String line : run.stderr().split("\n")) {
            assertThat(line).as("browser stderr").doesNotContain("Uncaught");
            if (line.contains("CONSOLE")) {
                assertThat(line).as("console message").doesNotContain(":ERROR:").doesNotContain("ERROR:CONSOLE");
            }
        }
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as("attribute %s in the DOM after script", name).isTrue();
        return m.group(1);
    }

    private static long count(String text, String needle) {
        return Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }
}
