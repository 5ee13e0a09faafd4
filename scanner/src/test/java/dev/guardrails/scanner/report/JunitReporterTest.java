package dev.guardrails.scanner.report;

import static dev.guardrails.scanner.report.ReportSamples.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JunitReporterTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element suite(Document doc, String app) {
        return children(doc.getDocumentElement(), "testsuite").stream()
                .filter(s -> s.getAttribute("name").equals(app)).findFirst().orElseThrow();
    }

    private static Element testcase(Element suite, String name) {
        return children(suite, "testcase").stream()
                .filter(c -> c.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no testcase " + name));
    }

    @Test
    void totalsAddUpAcrossSuites() throws Exception {
        Element root = parse(render(new JunitReporter(), ReportSamples.sample())).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        List<Element> suites = children(root, "testsuite");
        assertThat(suites).extracting(s -> s.getAttribute("name")).containsExactly("apps/shop", "apps/payments", "apps/docs");
        // shop: 4 active (rule, object) pairs + 1 exempted; payments: render error + render-failed finding; docs: 1 pass
        assertThat(root.getAttribute("tests")).isEqualTo("8");
        assertThat(root.getAttribute("failures")).isEqualTo("4");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        assertThat(root.getAttribute("time")).isEqualTo("1.234");
        int tests = 0;
        for (Element s : suites) {
            assertThat(children(s, "testcase")).hasSize(Integer.parseInt(s.getAttribute("tests")));
            tests += Integer.parseInt(s.getAttribute("tests"));
        }
        assertThat(tests).isEqualTo(8);
    }

    @Test
    void enforceAndWarnFailAuditOnlyLogs() throws Exception {
        Element shop = suite(parse(render(new JunitReporter(), ReportSamples.sample())), "apps/shop");
        assertThat(shop.getAttribute("failures")).isEqualTo("3");
        assertThat(shop.getAttribute("timestamp")).isEqualTo("2025-03-01T09:30:00");

        Element latest = testcase(shop, "latest-tag Deployment/shop/web");
        Element failure = children(latest, "failure").get(0);
        assertThat(failure.getAttribute("type")).isEqualTo("latest-tag");
        assertThat(failure.getAttribute("message")).isEqualTo("container \"web\" image 'nginx:latest' uses the latest tag");
        assertThat(failure.getTextContent()).contains("apps/shop/deployment.yaml:21", "fix: Set an explicit version tag");

        assertThat(children(testcase(shop, "run-as-non-root Deployment/shop/web"), "failure")).hasSize(1);

        Element probes = testcase(shop, "missing-probes Deployment/shop/web");
        assertThat(children(probes, "failure")).isEmpty();
        assertThat(children(probes, "system-out").get(0).getTextContent()).contains("[audit, medium]", "readinessProbe");
    }

    @Test
    void exemptedFindingIsSkippedWithItsReason() throws Exception {
        Element shop = suite(parse(render(new JunitReporter(), ReportSamples.sample())), "apps/shop");
        Element exempted = testcase(shop, "latest-tag Deployment/shop/worker");
        assertThat(children(exempted, "failure")).isEmpty();
        assertThat(children(exempted, "skipped").get(0).getAttribute("message"))
                .contains("2025-06-30", "team-shop", "Upstream publishes no tags (SHOP-42)", ".guardrails.yaml:7");
    }

    @Test
    void renderFailureIsAnError() throws Exception {
        Element payments = suite(parse(render(new JunitReporter(), ReportSamples.sample())), "apps/payments");
        assertThat(payments.getAttribute("errors")).isEqualTo("1");
        Element error = children(testcase(payments, "render"), "error").get(0);
        assertThat(error.getAttribute("message")).isEqualTo("helm template failed: exit status 1");
        assertThat(error.getTextContent()).contains("mapping values are not allowed");
    }

    @Test
    void cleanAppGetsOnePassingTestcase() throws Exception {
        Element docs = suite(parse(render(new JunitReporter(), ReportSamples.sample())), "apps/docs");
        List<Element> cases = children(docs, "testcase");
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).getAttribute("name")).isEqualTo("rendered 3 objects");
        assertThat(cases.get(0).hasChildNodes()).isFalse();
        assertThat(docs.getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void awkwardTextIsEscapedAndStillParses() throws Exception {
        String nasty = "a <b> & \"c\" 'd' ]]> \u0001\u0007\u001b[31m\ttab\nline2 \ud83d\ude00 lone\ud800";
        Finding f = ReportSamples.finding(ReportSamples.LATEST_TAG, Mode.ENFORCE, "apps/<shop>&\"x\"",
                ReportSamples.WEB, "apps/shop/deployment.yaml", 5, "", nasty);
        String xml = render(new JunitReporter(), ReportSamples.withFindings(List.of(f)));
        Document doc = parse(xml);
        Element suite = suite(doc, "apps/<shop>&\"x\"");
        Element failure = children(testcase(suite, "latest-tag Deployment/shop/web"), "failure").get(0);
        String expected = "a <b> & \"c\" 'd' ]]> \uFFFD\uFFFD\uFFFD[31m\ttab\nline2 \ud83d\ude00 lone\uFFFD";
        assertThat(failure.getAttribute("message")).isEqualTo(expected);
        assertThat(failure.getTextContent()).contains(expected);
        assertThat(xml).doesNotContain("\u0001").doesNotContain("\u001b");
    }

    @Test
    void severalFindingsOfOneRuleOnOneObjectShareATestcase() throws Exception {
        Finding first = ReportSamples.finding(ReportSamples.LATEST_TAG, Mode.ENFORCE, "apps/shop", ReportSamples.WEB,
                "apps/shop/deployment.yaml", 20, "containers[0].image", "container \"web\" uses latest");
        Finding second = ReportSamples.finding(ReportSamples.LATEST_TAG, Mode.ENFORCE, "apps/shop", ReportSamples.WEB,
                "apps/shop/deployment.yaml", 30, "containers[1].image", "container \"sidecar\" uses latest");
        Element suite = suite(parse(render(new JunitReporter(), ReportSamples.withFindings(List.of(first, second)))),
                "apps/shop");
        assertThat(children(suite, "testcase")).hasSize(1);
        Element failure = children(children(suite, "testcase").get(0), "failure").get(0);
        assertThat(failure.getAttribute("message")).startsWith("2 findings:");
        assertThat(failure.getTextContent()).contains("sidecar", "containers[1].image");
        Node text = failure.getFirstChild();
        assertThat(text.getNodeType()).isEqualTo(Node.TEXT_NODE);
    }
}
