package dev.guardrails.scanner.audit;

import java.util.List;

/** Hand-made audit reports for JSON, trend and HTML tests. */
final class AuditSamples {

    private AuditSamples() {
    }

    static AuditFinding finding(String repo, String rule, String object, String severity, String mode, String message) {
        return new AuditFinding(repo, "team-" + repo, "apps/" + object, "ns-" + repo, "Deployment", object, rule,
                "Title of " + rule, "pod-security", severity, mode, "apps/" + object + "/deploy.yaml", 12,
                "spec.template.spec.containers[0]", message, "Fix it.", null);
    }

    static RepoResult scanned(String name) {
        return new RepoResult(name, "https://git.example.com/" + name + ".git", "main", "team-" + name,
                "0123456789abcdef0123456789abcdef01234567", RepoResult.Status.SCANNED, null, null, 42,
                List.of(new RepoResult.App("apps/web", "apps/web", "directory", 3, 5, null)));
    }

    static RepoResult failed(String name) {
        return new RepoResult(name, "file:///nowhere/" + name, "main", "", "", RepoResult.Status.FAILED, "clone",
                "cannot clone file:///nowhere/" + name, 7, List.of());
    }

    static AuditReport report(String generatedAt, List<RepoResult> repos, List<AuditFinding> findings) {
        return new AuditReport(AuditReport.SCHEMA_VERSION, generatedAt, 1234, null, repos, findings);
    }
}
