package dev.guardrails.scanner.audit;

import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ObjectIdentity;
import dev.guardrails.scanner.model.ObjectRef;
import java.util.Comparator;

/**
 * One finding of an audit, flattened with the repo and team it belongs to. Findings never carry
 * Secret values (rules describe where a value is, not what it is), and neither does this record.
 *
 * @param repo        repo name
 * @param team        owning team, or empty
 * @param app         app name within the repo
 * @param namespace   the object's namespace, or empty (cluster-scoped, or left to the tool)
 * @param kind        the object's kind
 * @param object      the object's name
 * @param rule        rule id
 * @param title       rule title
 * @param category    category id, e.g. {@code pod-security}
 * @param severity    severity id: low, medium, high, critical
 * @param mode        mode id: audit, warn, enforce
 * @param file        repo-relative source file
 * @param line        1-based line, 0 when unknown
 * @param path        field path within the object
 * @param message     what is wrong
 * @param remediation how to fix it
 * @param exemption   {@code owner: reason} of the exemption that suppresses it, or null when active
 */
public record AuditFinding(String repo, String team, String app, String namespace, String kind, String object,
                           String rule, String title, String category, String severity, String mode,
                           String file, int line, String path, String message, String remediation,
                           String exemption) {

    /** Report order: repo, app, file, line, rule. */
    public static final Comparator<AuditFinding> ORDER = Comparator.comparing(AuditFinding::repo)
            .thenComparing(AuditFinding::app)
            .thenComparing(AuditFinding::file)
            .thenComparingInt(AuditFinding::line)
            .thenComparing(AuditFinding::kind)
            .thenComparing(AuditFinding::object)
            .thenComparing(AuditFinding::rule)
            .thenComparing(AuditFinding::path);

    public AuditFinding {
        team = team == null ? "" : team;
        namespace = namespace == null ? "" : namespace;
        kind = kind == null ? "" : kind;
        object = object == null ? "" : object;
        title = title == null ? "" : title;
        category = category == null ? "" : category;
        file = file == null ? "" : file;
        path = path == null ? "" : path;
        message = message == null ? "" : message;
        remediation = remediation == null ? "" : remediation;
    }

    /** Flattens a scan finding of {@code repo}. */
    public static AuditFinding of(String repo, String team, Finding f) {
        String exemption = f.exemption() == null ? null
                : f.exemption().owner() + ": " + f.exemption().reason();
        return new AuditFinding(repo, team, f.app(), f.object().namespace(), f.object().kind(), f.object().name(),
                f.ruleId(), f.title(), f.category() == null ? "" : f.category().id(),
                f.severity() == null ? "" : f.severity().id(), f.mode().id(), f.location().file(),
                f.location().line(), f.path(), f.message(), f.remediation(), exemption);
    }

    /** Not exempted. */
    public boolean active() {
        return exemption == null;
    }

    /** Active and enforced: fails the audit. */
    public boolean blocking() {
        return active() && "enforce".equals(mode);
    }

    /**
     * Identity across audits: the scan fingerprint (rule, app, object, field) prefixed by the repo,
     * so line moves and message rewording do not make a finding "new".
     */
    public String fingerprint() {
        String name = ObjectIdentity.stable(new ObjectRef("", kind, namespace, object)).name();
        String ref = namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
        return repo + "|" + rule + "|" + app + "|" + ref + "|" + path;
    }
}
