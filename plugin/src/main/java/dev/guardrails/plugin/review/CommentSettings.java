package dev.guardrails.plugin.review;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * What the PR comment shows, from {@code guardrails.review.comment.*}.
 *
 * @param ruleDocsUrl       where rule ids link to: a URL containing {@code {rule}} (replaced by the rule id), or a
 *                          page URL to which {@code #rule-id} is appended (e.g. the published docs/rules.md);
 *                          rule ids are plain text when unset
 * @param maxInlineComments review comments posted per review on changed lines; default 20, 0 turns them off
 * @param diffMaxChars      rendered-manifest diff shown per app, in characters; default 12,000, 0 turns the diff off
 * @param diffMaxTotalChars rendered-manifest diff shown for all apps together; default 30,000
 * @param suggestions       whether inline comments offer fixes as suggested changes (the head is fixed on a copy
 *                          and re-rendered, as {@code guardrails fix} would); default true
 * @param suggestionsTimeout longest the fix run for suggestions may take; past it the review is published without
 *                          them; default 2 minutes
 */
@ConfigurationProperties("guardrails.review.comment")
public record CommentSettings(
        @Nullable String ruleDocsUrl,
        @Nullable Integer maxInlineComments,
        @Nullable Integer diffMaxChars,
        @Nullable Integer diffMaxTotalChars,
        @Nullable Boolean suggestions,
        @Nullable java.time.Duration suggestionsTimeout) {

    public CommentSettings(String ruleDocsUrl, Integer maxInlineComments, Integer diffMaxChars, Integer diffMaxTotalChars,
                           Boolean suggestions) {
        this(ruleDocsUrl, maxInlineComments, diffMaxChars, diffMaxTotalChars, suggestions, null);
    }

    public static CommentSettings defaults() {
        return new CommentSettings(null, null, null, null, null, null);
    }

    public java.time.Duration suggestionsBudget() {
        return suggestionsTimeout == null || suggestionsTimeout.isNegative() || suggestionsTimeout.isZero()
                ? java.time.Duration.ofMinutes(2) : suggestionsTimeout;
    }

    public boolean suggest() {
        return suggestions == null || suggestions;
    }

    public int maxInline() {
        return maxInlineComments == null || maxInlineComments < 0 ? 20 : maxInlineComments;
    }

    public int diffPerApp() {
        return diffMaxChars == null || diffMaxChars < 0 ? 12_000 : diffMaxChars;
    }

    public int diffTotal() {
        return diffMaxTotalChars == null || diffMaxTotalChars < 0 ? 30_000 : diffMaxTotalChars;
    }

    /** The docs link of a rule, or null when no docs URL is configured or it is not http(s). */
    public String ruleLink(String ruleId) {
        if (ruleDocsUrl == null || ruleDocsUrl.isBlank()) {
            return null;
        }
        String base = ruleDocsUrl.strip();
        if (!base.startsWith("https://") && !base.startsWith("http://")) {
            return null;
        }
        String id = ruleId.replaceAll("[^A-Za-z0-9._-]", "");
        return base.contains("{rule}") ? base.replace("{rule}", id) : base + "#" + id;
    }
}
