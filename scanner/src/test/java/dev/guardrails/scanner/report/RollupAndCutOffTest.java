package dev.guardrails.scanner.report;

import static dev.guardrails.scanner.report.ReportSamples.finding;
import static dev.guardrails.scanner.report.ReportSamples.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many rows of one rule roll up in text; a cut Markdown report keeps the most severe rows. */
class RollupAndCutOffTest {

    private static List<Finding> manyLowAndOneHigh() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ObjectRef ref = new ObjectRef("apps/v1", "Deployment", "shop", "svc-" + i);
            findings.add(finding(ReportSamples.MISSING_PROBES, Mode.WARN, "apps/shop", ref, "apps/shop/svc-" + i + ".yaml",
                    10, "spec.template.spec.containers[0]", "container \"svc-" + i + "\" has no readinessProbe"));
        }
        findings.add(finding(ReportSamples.RUN_AS_NON_ROOT, Mode.WARN, "apps/shop", ReportSamples.WEB,
                "apps/shop/zz-web.yaml", 18, "spec.template.spec.securityContext", "pod may run containers as root"));
        return findings;
    }

    @Test
    void textRollsUpARuleWithManyRowsButListsBlockingOnes() {
        List<Finding> findings = new ArrayList<>(manyLowAndOneHigh());
        for (int i = 0; i < 7; i++) {
            findings.add(finding(ReportSamples.LATEST_TAG, Mode.ENFORCE, "apps/shop",
                    new ObjectRef("apps/v1", "Deployment", "shop", "img-" + i), "apps/shop/img-" + i + ".yaml", 3,
                    "spec.template.spec.containers[0].image", "image img-" + i + " uses latest"));
        }
        String text = render(new TextReporter(false), ReportSamples.withFindings(findings));

        assertThat(text).contains("missing-probes  40 findings on 40 objects: Container has no readiness probe")
                .contains("e.g. Deployment/shop/svc-0 (apps/shop/svc-0.yaml:10), Deployment/shop/svc-1")
                .doesNotContain("svc-39")
                .contains("pod may run containers as root");
        for (int i = 0; i < 7; i++) {
            assertThat(text).as("blocking findings are never rolled up").contains("image img-" + i + " uses latest");
        }
        assertThat(text.lines().count()).isLessThan(45);
    }

    @Test
    void markdownCutOffKeepsTheMostSevereRows() {
        String md = render(new MarkdownReporter(4_000), ReportSamples.withFindings(manyLowAndOneHigh()));

        assertThat(md).contains("not shown").contains("pod may run containers as root");
        assertThat(md.indexOf("pod may run containers as root")).isLessThan(md.indexOf("svc-0"));
    }
}
