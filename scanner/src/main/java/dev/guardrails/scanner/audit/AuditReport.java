package dev.guardrails.scanner.audit;

import java.time.Instant;
import java.util.List;

/**
 * The result of auditing many repos: one entry per repo (scanned or failed) and every finding,
 * flattened with its repo and team. This is exactly what the audit JSON holds, so a report read
 * back from JSON (a previous audit, a shard to merge) is equal to the one written.
 *
 * @param schemaVersion  {@link #SCHEMA_VERSION} for reports this code writes
 * @param generatedAt    when the audit started, ISO-8601 UTC
 * @param elapsedMillis  wall time of the whole audit
 * @param shard          {@code INDEX/COUNT} when this is one shard, else null
 * @param repos          repos in input order
 * @param findings       every finding, exempted ones included, in {@link AuditFinding#ORDER}
 */
public record AuditReport(int schemaVersion, String generatedAt, long elapsedMillis, String shard,
                          List<RepoResult> repos, List<AuditFinding> findings) {

    /** The JSON schema version; bumped on incompatible changes. Readers accept this one and older. */
    public static final int SCHEMA_VERSION = 1;

    public AuditReport {
        repos = List.copyOf(repos);
        findings = findings.stream().sorted(AuditFinding.ORDER).toList();
    }

    /** A report of the current schema. */
    public static AuditReport of(Instant generatedAt, long elapsedMillis, Shard shard, List<RepoResult> repos,
                                 List<AuditFinding> findings) {
        return new AuditReport(SCHEMA_VERSION, generatedAt.toString(), elapsedMillis,
                shard == null ? null : shard.toString(), repos, findings);
    }

    /** Findings that are not exempted. */
    public List<AuditFinding> active() {
        return findings.stream().filter(AuditFinding::active).toList();
    }

    /** Findings that fail the audit. */
    public List<AuditFinding> blocking() {
        return findings.stream().filter(AuditFinding::blocking).toList();
    }

    /** Repos that could not be scanned. */
    public List<RepoResult> failedRepos() {
        return repos.stream().filter(RepoResult::failed).toList();
    }

    /**
     * True when nothing blocks and every app of every repo was rendered and checked. A repo that
     * could not be audited, or an app that failed or was skipped, is unknown, which a platform team
     * must not read as "clean".
     */
    public boolean passed() {
        return verdict() == Verdict.PASSED;
    }

    /** The audit's verdict; the exit code follows it (0 only for {@link Verdict#PASSED}). */
    public enum Verdict {
        /** Nothing blocks and every app of every repo was rendered and checked. */
        PASSED,
        /** Nothing blocks, but some app failed to render or was skipped, or a repo had no app: not all checked. */
        INCOMPLETE,
        /** A blocking finding, or a repo that could not be audited. */
        FAILED
    }

    public Verdict verdict() {
        if (!blocking().isEmpty() || !failedRepos().isEmpty()) {
            return Verdict.FAILED;
        }
        return repos.stream().allMatch(RepoResult::covered) ? Verdict.PASSED : Verdict.INCOMPLETE;
    }
}
