package dev.guardrails.scanner.audit;

import dev.guardrails.scanner.source.GitCheckout;
import java.util.Objects;

/**
 * One repository to audit.
 *
 * @param name     short name used in reports; unique within an audit
 * @param location a Git URL, or a local directory
 * @param ref      branch, tag or SHA to check out; {@code null} scans a local directory in place
 *                 (and a remote URL at its default branch)
 * @param team     owning team from the repos file, or empty
 */
public record AuditRepo(String name, String location, String ref, String team) {

    public AuditRepo {
        Objects.requireNonNull(location, "location");
        if (location.isBlank()) {
            throw new IllegalArgumentException("a repo needs a url or a path");
        }
        ref = ref == null || ref.isBlank() ? null : ref.strip();
        team = team == null ? "" : team.strip();
        name = name == null || name.isBlank() ? defaultName(location) : name.strip();
    }

    /** True when the repo is cloned (a remote URL, or any location with a ref). */
    public boolean needsClone() {
        return ref != null || GitCheckout.isRemote(location);
    }

    /** The location without credentials, as reports show it. */
    public String shownLocation() {
        return GitCheckout.redact(location);
    }

    /**
     * Parses {@code URL_OR_PATH[@REF]}. The ref is split at the last {@code @} after the host part,
     * so {@code git@host:org/repo.git@v1}, {@code https://user@host/repo@main} and
     * {@code ../repo@feature/x} all work.
     */
    public static AuditRepo parse(String spec) {
        String text = Objects.requireNonNull(spec, "spec").strip();
        int pathStart = 0;
        int scheme = text.indexOf("://");
        if (scheme >= 0) {
            int slash = text.indexOf('/', scheme + 3);
            pathStart = slash < 0 ? text.length() : slash;
        } else if (text.matches("^[^/@]+@[^/:]+:.*")) {
            pathStart = text.indexOf(':') + 1; // scp-like git@host:org/repo
        }
        int at = text.lastIndexOf('@');
        if (at > pathStart && at < text.length() - 1) {
            return new AuditRepo(null, text.substring(0, at), text.substring(at + 1), null);
        }
        return new AuditRepo(null, text, null, null);
    }

    /** The last path segment without {@code .git}: {@code https://h/org/shop.git} gives {@code shop}. */
    static String defaultName(String location) {
        String trimmed = location.strip().replaceAll("[/\\\\]+$", "");
        int cut = Math.max(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')), trimmed.lastIndexOf(':'));
        String last = trimmed.substring(cut + 1);
        if (last.endsWith(".git")) {
            last = last.substring(0, last.length() - 4);
        }
        return last.isEmpty() || last.equals(".") ? trimmed : last;
    }
}
