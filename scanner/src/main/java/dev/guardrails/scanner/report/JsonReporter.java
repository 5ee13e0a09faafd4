package dev.guardrails.scanner.report;

import static dev.guardrails.scanner.report.JsonOutput.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Coverage;
import dev.guardrails.scanner.model.SkippedApp;
import dev.guardrails.scanner.model.Exemption;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.Severity;
import java.io.IOException;
import java.io.Writer;

/**
 * Machine-readable report with a stable, versioned schema. Fields are always present (null when
 * unknown) and always in this order, so consumers can rely on both. Any incompatible change
 * bumps {@code schemaVersion}; new fields may be added without a bump.
 *
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "target":        string,            // directory or Git URL scanned
 *   "revision":      string,            // commit scanned, "" for a plain directory
 *   "startedAt":     string,            // ISO-8601 instant, e.g. "2025-01-31T10:15:30Z"
 *   "elapsedMillis": integer,
 *   "summary": {
 *     "apps": integer, "objects": integer,
 *     "findings": integer,              // active (not exempted) findings
 *     "blocking": integer,              // active findings in enforce mode
 *     "bySeverity": {"critical": n, "high": n, "medium": n, "low": n},   // active only
 *     "byMode":     {"enforce": n, "warn": n, "audit": n},               // active only
 *     "exempted": integer,
 *     "renderFailures": integer
 *   },
 *   "coverage": {                       // what the verdict covers
 *     "complete": boolean,              // every app found was rendered and checked, and there was one
 *     "rendered": integer, "empty": integer, "skipped": integer, "failed": integer,
 *     "skippedApps": [{"app": string, "location": string, "reason": string, "message": string}],
 *     "failedApps":  [{"app": string, "path": string, "error": string}]
 *   },
 *   "apps": [{"name": string, "path": string, "type": string, "objects": integer,
 *             "renderMillis": integer, "error": string|null,
 *             "findings": integer, "exempted": integer}],
 *   "findings": [{                      // all findings, exempted ones included, report order
 *     "ruleId": string, "title": string|null, "category": string|null,  // kebab-case ids
 *     "severity": "critical"|"high"|"medium"|"low"|null,
 *     "mode": "enforce"|"warn"|"audit",
 *     "app": string,
 *     "object": {"apiVersion": string, "kind": string, "namespace": string, "name": string},
 *     "file": string, "line": integer,  // repo-relative; line 0 when unknown
 *     "path": string,                   // field path in the object, "" for the whole object
 *     "message": string|null, "remediation": string|null,
 *     "fingerprint": string,            // stable across line shifts, see Finding#fingerprint
 *     "exemption": {"owner": string, "reason": string, "expires": "YYYY-MM-DD", "source": string} | null
 *   }]
 * }
 * }</pre>
 */
public final class JsonReporter implements Reporter {

    /** Bumped on any incompatible change to the layout above. */
    public static final int SCHEMA_VERSION = 1;

    @Override
    public String format() {
        return ReportFormat.JSON.id();
    }

    @Override
    public void write(ScanReport report, Writer out) throws IOException {
        ObjectNode root = NODES.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("target", report.target());
        root.put("revision", report.revision());
        root.put("startedAt", report.startedAt() == null ? null : report.startedAt().toString());
        root.put("elapsedMillis", report.elapsedMillis());
        root.set("summary", summary(ReportSummary.of(report)));
        root.set("coverage", coverage(report.coverage()));
        ArrayNode apps = root.putArray("apps");
        for (AppReport app : ReportSummary.appsOf(report)) {
            apps.add(app(app, ReportSummary.of(report, app)));
        }
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(f -> findings.add(finding(f)));
        JsonOutput.write(root, out);
    }

    private static ObjectNode summary(ReportSummary s) {
        ObjectNode node = NODES.objectNode();
        node.put("apps", s.apps());
        node.put("objects", s.objects());
        node.put("findings", s.findings());
        node.put("blocking", s.blocking());
        ObjectNode bySeverity = node.putObject("bySeverity");
        for (Severity severity : ReportSummary.SEVERITIES) {
            bySeverity.put(severity.id(), s.count(severity));
        }
        ObjectNode byMode = node.putObject("byMode");
        for (Mode mode : ReportSummary.MODES) {
            byMode.put(mode.id(), s.count(mode));
        }
        node.put("exempted", s.exempted());
        node.put("renderFailures", s.failedApps());
        return node;
    }

    /** Rendered, skipped (with reason) and failed apps: what the verdict covers. */
    static ObjectNode coverage(Coverage c) {
        ObjectNode node = NODES.objectNode();
        node.put("complete", c.complete());
        node.put("rendered", c.rendered());
        node.put("empty", c.empty());
        node.put("skipped", c.skipped().size());
        node.put("failed", c.failed().size());
        ArrayNode skipped = node.putArray("skippedApps");
        for (SkippedApp s : c.skipped()) {
            skipped.addObject().put("app", s.app()).put("location", s.location()).put("reason", s.reason())
                    .put("message", s.message());
        }
        ArrayNode failed = node.putArray("failedApps");
        for (AppReport a : c.failed()) {
            failed.addObject().put("app", a.name()).put("path", a.path()).put("error", a.error());
        }
        return node;
    }

    private static ObjectNode app(AppReport app, ReportSummary s) {
        ObjectNode node = NODES.objectNode();
        node.put("name", app.name());
        node.put("path", app.path());
        node.put("type", app.type());
        node.put("objects", app.objectCount());
        node.put("renderMillis", app.renderMillis());
        node.put("error", app.error());
        node.put("findings", s.findings());
        node.put("exempted", s.exempted());
        return node;
    }

    static ObjectNode finding(Finding f) {
        ObjectNode node = NODES.objectNode();
        node.put("ruleId", f.ruleId());
        node.put("title", f.title());
        node.put("category", f.category() == null ? null : f.category().id());
        node.put("severity", f.severity() == null ? null : f.severity().id());
        node.put("mode", f.mode().id());
        node.put("app", f.app());
        node.set("object", object(f.object()));
        node.put("file", f.location().file());
        node.put("line", f.location().line());
        node.put("path", f.path());
        node.put("message", f.message());
        node.put("remediation", f.remediation());
        node.put("fingerprint", f.fingerprint());
        node.set("exemption", f.exempted() ? exemption(f.exemption()) : NODES.nullNode());
        return node;
    }

    static ObjectNode object(ObjectRef ref) {
        ObjectNode node = NODES.objectNode();
        node.put("apiVersion", ref.apiVersion());
        node.put("kind", ref.kind());
        node.put("namespace", ref.namespace());
        node.put("name", ref.name());
        return node;
    }

    private static ObjectNode exemption(Exemption e) {
        ObjectNode node = NODES.objectNode();
        node.put("owner", e.owner());
        node.put("reason", e.reason());
        node.put("expires", e.expires().toString());
        node.put("source", e.source());
        return node;
    }
}
