package dev.guardrails.scanner.report;

import static dev.guardrails.scanner.report.ReportSamples.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarkdownReporterTest {

    private static final String TABLE_HEAD = "| Rule | Object | Location | Message |";

    private static String sample() {
        return render(new MarkdownReporter(), ReportSamples.sample());
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** Finding rows: table lines that start with a rule id in a code span. */
    private static List<String> findingRows(String md) {
        return md.lines().filter(l -> l.startsWith("| `")).toList();
    }

    @Test
    void headerStatesBlockingAndWarnings() {
        assertThat(sample().lines().findFirst())
                .hasValue("### Guardrails: 2 blocking, 2 warnings, 1 audit, 1 render failure");
    }

    @Test
    void summaryTableHasOneRowPerAppWithFindings() {
        String md = sample();
        assertThat(md).contains("| App | Objects | Enforce | Warn | Audit | Exempted |\n| --- | ---: | ---: | ---: | ---: | ---: |\n"
                + "| apps/shop | 5 | 1 | 2 | 1 | 1 |\n"
                + "| apps/payments (render failed) | 0 | 1 | 0 | 0 | 0 |\n"
                + "| … 1 other app | 3 | | | | |\n");
    }

    @Test
    void detailsPerAppWithRowsAndRemediationOncePerRule() {
        String md = sample();
        assertThat(md).contains("<details><summary>apps/shop (4 findings, 1 exempted)</summary>",
                "<details><summary>apps/payments (1 finding)</summary>");
        assertThat(md).doesNotContain("apps/docs (");
        assertThat(findingRows(md)).hasSize(5);
        assertThat(md).contains("| `latest-tag` (enforce, high) | Deployment/shop/web | apps/shop/deployment.yaml:21<br>"
                + "spec.template.spec.containers\\[0\\].image | container \"web\" image 'nginx:latest' uses the latest tag |");
        assertThat(count(md, "- `latest-tag`: " + ReportSamples.LATEST_TAG.remediation())).isEqualTo(1);
        assertThat(count(md, "<details>")).isEqualTo(count(md, "</details>"));
        // the exempted finding is only counted
        assertThat(md).doesNotContain("acme/worker");
    }

    @Test
    void remediationIsListedOnceEvenForRepeatedRules() {
        List<Finding> findings = List.of(
                ReportSamples.finding(ReportSamples.LATEST_TAG, Mode.ENFORCE, "apps/shop", ReportSamples.WEB,
                        "apps/shop/deployment.yaml", 20, "", "container \"web\" uses latest"),
                ReportSamples.finding(ReportSamples.LATEST_TAG, Mode.ENFORCE, "apps/shop", ReportSamples.WORKER,
                        "apps/shop/worker.yaml", 9, "", "container \"worker\" uses latest"));
        String md = render(new MarkdownReporter(), ReportSamples.withFindings(findings));
        assertThat(findingRows(md)).hasSize(2);
        assertThat(count(md, ReportSamples.LATEST_TAG.remediation())).isEqualTo(1);
    }

    @Test
    void renderFailureIsShownInAFence() {
        String md = sample();
        assertThat(md).contains("**Render failed:**\n\n```\nhelm template failed: exit status 1\n"
                + "Error: values.yaml: line 4: mapping values are not allowed\n```");
    }

    @Test
    void exemptionHintUsesARealFinding() {
        String md = sample();
        assertThat(md).contains("<details><summary>How to exempt a finding</summary>", ".guardrails.yaml");
        assertThat(md).contains("```yaml\nexemptions:\n  - rule: run-as-non-root\n    match:\n      app: apps/shop\n"
                + "      kind: Deployment\n      namespace: shop\n      name: web\n    owner: team-name\n"
                + "    reason: \"Why this cannot be fixed yet, with a ticket link\"\n    expires: 2025-05-30\n```");
    }

    @Test
    void cellsEscapePipesHtmlAndLinks() {
        Finding hostile = ReportSamples.finding(ReportSamples.LATEST_TAG, Mode.WARN, "apps/shop",
                new ObjectRef("v1", "ConfigMap", "shop", "a|b"), "apps/shop/cm.yaml", 2, "",
                "x | y <script>alert(1)</script> [click](https://evil.example) *bold* `code`\nnext & more");
        String md = render(new MarkdownReporter(), ReportSamples.withFindings(List.of(hostile)));
        String row = findingRows(md).get(0);
        assertThat(row).doesNotContain("<script>").doesNotContain("[click](");
        assertThat(row).contains("ConfigMap/shop/a\\|b",
                "x \\| y &lt;script&gt;alert(1)&lt;/script&gt; \\[click\\](https://evil.example) \\*bold\\* \\`code\\`<br>next &amp; more");
        // the row still has exactly four cells: five unescaped pipes
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(5);
    }

    @Test
    void summaryEscapesHtmlInAppNames() {
        Finding f = ReportSamples.finding(ReportSamples.LATEST_TAG, Mode.WARN, "apps/<b>x</b>", ReportSamples.WEB,
                "apps/x/d.yaml", 2, "", "m");
        String md = render(new MarkdownReporter(), ReportSamples.withFindings(List.of(f)));
        assertThat(md).contains("<summary>apps/&lt;b&gt;x&lt;/b&gt; (1 finding)</summary>", "| apps/&lt;b&gt;x&lt;/b&gt; | 0 |");
        // only the YAML snippet, inside a code fence, carries the name verbatim
        assertThat(md.substring(0, md.indexOf("```yaml"))).doesNotContain("<b>");
        assertThat(md).contains("      app: \"apps/<b>x</b>\"\n");
    }

    @Test
    void cleanScanIsShort() {
        assertThat(render(new MarkdownReporter(), ReportSamples.clean()))
                .isEqualTo("### Guardrails: no findings\n\nScanned 2 apps (8 objects); 1 exempted.\n\n"
                        + "**Coverage:** 2 rendered, 0 skipped, 0 failed.\n\n");
    }

    @Test
    void largeReportsAreCutAtARowAndSayHowManyAreHidden() {
        List<Finding> many = new ArrayList<>();
        int total = 2_000;
        for (int i = 0; i < total; i++) {
            ObjectRef ref = new ObjectRef("apps/v1", "Deployment", "shop", "web-" + i);
            many.add(ReportSamples.finding(i % 2 == 0 ? ReportSamples.LATEST_TAG : ReportSamples.RESOURCE_LIMITS,
                    i % 3 == 0 ? Mode.ENFORCE : Mode.WARN, "apps/shop", ref, "apps/shop/web-" + i + ".yaml", 10,
                    "spec.template.spec.containers[0]", "container \"web\" of deployment web-" + i
                            + " breaks the rule in a rather long-winded way that takes room"));
        }
        String md = render(new MarkdownReporter(), ReportSamples.withFindings(many));
        assertThat(md.length()).isLessThanOrEqualTo(MarkdownReporter.MAX_CHARS);
        Matcher note = Pattern.compile("… (\\d+) more findings not shown").matcher(md);
        assertThat(note.find()).isTrue();
        int hidden = Integer.parseInt(note.group(1));
        int shown = findingRows(md).size();
        assertThat(shown).isPositive();
        assertThat(shown + hidden).isEqualTo(total);
        assertThat(count(md, "<details>")).isEqualTo(count(md, "</details>"));
        assertThat(md).contains("How to exempt a finding", "- `latest-tag`: ");
        // the budget is used, not wasted: the cut happens close to the limit
        assertThat(md.length()).isGreaterThan(MarkdownReporter.MAX_CHARS - 1_000);
    }

    @Test
    void smallReportsAreNotCut() {
        assertThat(sample()).doesNotContain("not shown");
        assertThat(render(new MarkdownReporter(2_000), ReportSamples.sample())).contains("not shown")
                .hasSizeLessThanOrEqualTo(2_000);
    }
}
