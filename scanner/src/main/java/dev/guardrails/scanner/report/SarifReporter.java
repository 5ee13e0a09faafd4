package dev.guardrails.scanner.report;

import static dev.guardrails.scanner.report.JsonOutput.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.SkippedApp;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Exemption;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.model.PodSecurityLevel;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, GitLab, Azure DevOps, IDE
 * viewers). One run; the driver lists every rule that ran so dashboards can show rule help even
 * for rules without results. Exempted findings stay in the log as externally suppressed results,
 * so an auditor sees what was waived, by whom and why.
 *
 * <p>Mappings: a rule's default level follows its severity (critical/high error, medium
 * warning, low note); a result's level follows the mode the profile gave it (enforce error,
 * warn warning, audit note). {@code security-severity} is GitHub's numeric score for security
 * rules, written as a numeric string as CodeQL does. File URIs are repo-relative against
 * {@code %SRCROOT%}; {@code partialFingerprints["guardrails/v1"]} is {@link Finding#fingerprint()},
 * which survives line shifts.
 */
public final class SarifReporter implements Reporter {

    /** The tool name dashboards show. */
    public static final String TOOL_NAME = "gitops-guardrails";
    /** Where users learn about the tool. */
    public static final String DEFAULT_INFORMATION_URI = "https://github.com/gitops-guardrails/gitops-guardrails";
    static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String SRCROOT = "%SRCROOT%";
    static final String FINGERPRINT_KEY = "guardrails/v1";

    private final String version;
    private final String informationUri;

    /** A reporter naming this build's version (from the jar manifest, "dev" when run from classes). */
    public SarifReporter() {
        this(defaultVersion(), DEFAULT_INFORMATION_URI);
    }

    /**
     * @param version        the tool version written into {@code tool.driver.version}
     * @param informationUri an absolute URI documenting the tool
     */
    public SarifReporter(String version, String informationUri) {
        this.version = Objects.requireNonNull(version, "version");
        this.informationUri = Objects.requireNonNull(informationUri, "informationUri");
    }

    private static String defaultVersion() {
        String v = SarifReporter.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    @Override
    public String format() {
        return ReportFormat.SARIF.id();
    }

    @Override
    public void write(ScanReport report, Writer out) throws IOException {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode rules = NODES.arrayNode();
        for (RuleInfo info : report.rules()) {
            if (!ruleIndex.containsKey(info.id())) {
                ruleIndex.put(info.id(), rules.size());
                rules.add(rule(info.id(), info.title(), info.rationale(), info.remediation(), info.severity(),
                        info.category(), info.podSecurity()));
            }
        }
        // A finding from a rule the report does not describe (e.g. a synthetic platform finding)
        // still needs a descriptor for ruleIndex to point at.
        for (Finding f : report.findings()) {
            if (!ruleIndex.containsKey(f.ruleId())) {
                ruleIndex.put(f.ruleId(), rules.size());
                rules.add(rule(f.ruleId(), f.title(), null, f.remediation(), f.severity(), f.category(),
                        PodSecurityLevel.NONE));
            }
        }

        ObjectNode driver = NODES.objectNode();
        driver.put("name", TOOL_NAME);
        driver.put("informationUri", informationUri);
        driver.put("version", version);
        driver.set("rules", rules);

        ObjectNode run = NODES.objectNode();
        run.putObject("tool").set("driver", driver);
        run.set("invocations", NODES.arrayNode().add(invocation(report)));
        provenance(report).ifPresent(p -> run.set("versionControlProvenance", NODES.arrayNode().add(p)));
        run.set("originalUriBaseIds", originalUriBaseIds(report));
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            results.add(result(f, ruleIndex.get(f.ruleId())));
        }
        ObjectNode props = run.putObject("properties");
        props.put("target", report.target());
        props.put("revision", report.revision());
        // Coverage in the run's property bag: SARIF has no native "skipped", and code-scanning UIs
        // show the skipped and failed apps as results (coverage findings) and notifications.
        props.set("coverage", JsonReporter.coverage(report.coverage()));

        ObjectNode root = NODES.objectNode();
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        root.putArray("runs").add(run);
        JsonOutput.write(root, out);
    }

    private static ObjectNode rule(String id, String title, String rationale, String remediation,
                                   Severity severity, Category category, PodSecurityLevel pss) {
        ObjectNode node = NODES.objectNode();
        node.put("id", id);
        node.put("name", pascalCase(id));
        String shortText = title == null || title.isBlank() ? id : title;
        node.set("shortDescription", text(shortText));
        node.set("fullDescription", text(rationale == null || rationale.isBlank() ? shortText : rationale));
        if (remediation != null && !remediation.isBlank()) {
            ObjectNode help = text(remediation);
            help.put("markdown", remediation);
            node.set("help", help);
        }
        node.putObject("defaultConfiguration").put("level", defaultLevel(severity));
        ObjectNode props = node.putObject("properties");
        Set<String> tags = new LinkedHashSet<>();
        tags.add("kubernetes");
        if (category != null) {
            props.put("category", category.id());
            tags.add(category.id());
        }
        if (pss != null && pss != PodSecurityLevel.NONE) {
            tags.add("pod-security-" + pss.id());
        }
        if (isSecurity(category, pss)) {
            tags.add("security");
        }
        ArrayNode tagArray = props.putArray("tags");
        tags.forEach(tagArray::add);
        if (severity != null) {
            props.put("severity", severity.id());
            props.put("security-severity", securitySeverity(severity));
        }
        return node;
    }

    private static ObjectNode result(Finding f, int ruleIndex) {
        ObjectNode node = NODES.objectNode();
        node.put("ruleId", f.ruleId());
        node.put("ruleIndex", ruleIndex);
        node.put("level", level(f.mode()));
        String message = f.message() == null || f.message().isBlank()
                ? (f.title() == null ? f.ruleId() : f.title()) : f.message();
        node.set("message", text(message));

        ObjectNode location = NODES.objectNode();
        if (!f.location().file().isEmpty()) {
            ObjectNode physical = location.putObject("physicalLocation");
            ObjectNode artifact = physical.putObject("artifactLocation");
            artifact.put("uri", relativeUri(f.location().file()));
            artifact.put("uriBaseId", SRCROOT);
            if (f.location().line() > 0) {
                physical.putObject("region").put("startLine", f.location().line());
            }
        }
        location.set("logicalLocations", NODES.arrayNode().add(logical(f.app(), f.object())));
        node.putArray("locations").add(location);

        node.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
        if (f.exempted()) {
            node.putArray("suppressions").add(suppression(f.exemption()));
        }
        ObjectNode props = node.putObject("properties");
        props.put("app", f.app());
        props.put("mode", f.mode().id());
        if (f.severity() != null) {
            props.put("severity", f.severity().id());
        }
        if (!f.path().isEmpty()) {
            props.put("path", f.path());
        }
        if (f.remediation() != null && !f.remediation().isBlank()) {
            props.put("remediation", f.remediation());
        }
        return node;
    }

    private static ObjectNode logical(String app, ObjectRef ref) {
        ObjectNode node = NODES.objectNode();
        node.put("name", ref.name().isEmpty() ? app : ref.name());
        node.put("fullyQualifiedName", app + ":" + ref);
        node.put("kind", "resource");
        ObjectNode props = node.putObject("properties");
        props.put("apiVersion", ref.apiVersion());
        props.put("kind", ref.kind());
        props.put("namespace", ref.namespace());
        props.put("name", ref.name());
        return node;
    }

    private static ObjectNode suppression(Exemption e) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "external");
        node.put("state", "accepted");
        node.put("justification", e.reason());
        ObjectNode props = node.putObject("properties");
        props.put("owner", e.owner());
        props.put("expires", e.expires().toString());
        props.put("source", e.source());
        props.put("rule", e.rule());
        return node;
    }

    private static ObjectNode invocation(ScanReport report) {
        ObjectNode node = NODES.objectNode();
        boolean failed = report.apps().stream().anyMatch(AppReport::failed);
        node.put("executionSuccessful", !failed);
        if (report.startedAt() != null) {
            node.put("startTimeUtc", report.startedAt().toString());
            node.put("endTimeUtc", report.startedAt().plusMillis(report.elapsedMillis()).toString());
        }
        ArrayNode notes = NODES.arrayNode();
        for (AppReport app : report.apps()) {
            if (!app.failed()) {
                continue;
            }
            ObjectNode note = NODES.objectNode();
            note.put("level", "error");
            note.set("message", text("App " + app.name() + " failed to render: " + app.error()));
            if (app.path() != null && !app.path().isEmpty()) {
                ObjectNode artifact = NODES.objectNode();
                artifact.put("uri", relativeUri(app.path()));
                artifact.put("uriBaseId", SRCROOT);
                ObjectNode loc = NODES.objectNode();
                loc.putObject("physicalLocation").set("artifactLocation", artifact);
                note.putArray("locations").add(loc);
            }
            note.putObject("properties").put("app", app.name());
            notes.add(note);
        }
        for (SkippedApp skipped : report.skipped()) {
            ObjectNode note = NODES.objectNode();
            note.put("level", "warning");
            note.set("message", text("App " + skipped.app() + " was not checked (" + skipped.reason() + "): "
                    + skipped.message()));
            note.putObject("properties").put("app", skipped.app()).put("reason", skipped.reason());
            notes.add(note);
        }
        if (!notes.isEmpty()) {
            node.set("toolExecutionNotifications", notes);
        }
        return node;
    }

    private static Optional<ObjectNode> provenance(ScanReport report) {
        String target = report.target();
        if (target == null || !(target.startsWith("https://") || target.startsWith("http://"))) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(target);
            ObjectNode node = NODES.objectNode();
            node.put("repositoryUri", uri.toASCIIString());
            if (!report.revision().isEmpty()) {
                node.put("revisionId", report.revision());
            }
            return Optional.of(node);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code %SRCROOT%} is where the scanned repo was checked out. For a local absolute directory
     * that is a file URI; for a cloned Git URL the checkout is temporary, so only a description.
     */
    private static ObjectNode originalUriBaseIds(ScanReport report) {
        ObjectNode root = NODES.objectNode();
        String target = report.target() == null ? "" : report.target();
        String uri = null;
        if (target.startsWith("/")) {
            try {
                uri = Path.of(target).toUri().toASCIIString();
            } catch (InvalidPathException e) {
                uri = null;
            }
        }
        if (uri != null) {
            root.put("uri", uri.endsWith("/") ? uri : uri + "/");
        }
        root.set("description", text("The root of the scanned repository" + (target.isEmpty() ? "." : ": " + target)));
        ObjectNode ids = NODES.objectNode();
        ids.set(SRCROOT, root);
        return ids;
    }

    /** A repo-relative path as a relative URI reference: segments percent-encoded, never absolute. */
    static String relativeUri(String file) {
        String path = file.replace('\\', '/');
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        if (first.contains(":")) {
            path = "./" + path; // otherwise "a:b/c.yaml" would read as scheme "a"
        }
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot encode path " + file, e);
        }
    }

    private static ObjectNode text(String text) {
        ObjectNode node = NODES.objectNode();
        node.put("text", text);
        return node;
    }

    static String level(Mode mode) {
        return switch (mode) {
            case ENFORCE -> "error";
            case WARN -> "warning";
            case AUDIT, OFF -> "note";
        };
    }

    static String defaultLevel(Severity severity) {
        if (severity == null) {
            return "warning";
        }
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "7.5";
            case MEDIUM -> "5.0";
            case LOW -> "2.0";
        };
    }

    private static boolean isSecurity(Category category, PodSecurityLevel pss) {
        if (pss != null && pss != PodSecurityLevel.NONE) {
            return true;
        }
        if (category == null) {
            return false;
        }
        return switch (category) {
            case POD_SECURITY, HARDENING, IMAGES, NETWORKING, SECRETS, SERVICE_ACCOUNTS -> true;
            default -> false;
        };
    }

    /** {@code latest-tag} becomes {@code LatestTag}: SARIF's readable rule name. */
    static String pascalCase(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return b.isEmpty() ? id : b.toString();
    }
}
