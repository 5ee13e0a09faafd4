package dev.guardrails.scanner.rule;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.PodSecurityLevel;
import dev.guardrails.scanner.model.Severity;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A rule's metadata. The id is stable and independent of the title: reports, exemptions and
 * profiles refer to it, so it never changes once released.
 *
 * @param id          kebab-case id naming the violation, e.g. {@code latest-tag}
 * @param title       one line, sentence case, no trailing period
 * @param category    checklist area; profiles can set a mode per category
 * @param severity    default severity
 * @param podSecurity the Pod Security Standards level this rule belongs to, or NONE
 * @param rationale   why it matters in production, one or two sentences
 * @param remediation what to change, ending with a period
 * @param defaultMode the strongest mode the rule runs in unless {@code .guardrails.yaml} names the
 *                    rule or its category: a global or profile {@code mode: enforce} lowers it to
 *                    this, so checks that often meet legitimate exceptions (objects another app
 *                    provides) never block by default; null when the global mode applies unchanged
 */
public record RuleInfo(
        String id,
        String title,
        Category category,
        Severity severity,
        PodSecurityLevel podSecurity,
        String rationale,
        String remediation,
        Mode defaultMode) {

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(podSecurity, "podSecurity");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(remediation, "remediation");
        if (!KEBAB.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id must be kebab-case: " + id);
        }
        if (defaultMode == Mode.OFF) {
            throw new IllegalArgumentException("a built-in rule runs at least in audit mode: " + id);
        }
    }

    /** Metadata whose mode is the configured one, uncapped. */
    public RuleInfo(String id, String title, Category category, Severity severity, PodSecurityLevel podSecurity,
                    String rationale, String remediation) {
        this(id, title, category, severity, podSecurity, rationale, remediation, null);
    }

    /** Metadata for a rule outside the Pod Security Standards. */
    public static RuleInfo of(String id, String title, Category category, Severity severity,
                              String rationale, String remediation) {
        return new RuleInfo(id, title, category, severity, PodSecurityLevel.NONE, rationale, remediation);
    }

    /** The same metadata, running at most in {@code mode} unless configured by rule or category. */
    public RuleInfo withDefaultMode(Mode mode) {
        return new RuleInfo(id, title, category, severity, podSecurity, rationale, remediation, mode);
    }

    /** {@code mode} lowered to {@link #defaultMode} when that is weaker. */
    public Mode capDefault(Mode mode) {
        return defaultMode != null && mode != null && mode.compareTo(defaultMode) > 0 ? defaultMode : mode;
    }
}
