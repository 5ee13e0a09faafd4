package dev.guardrails.scanner.fix;

import java.util.List;

/**
 * A verified fix as a replacement of whole lines of one file: what a review suggestion offers.
 *
 * @param file      repo-relative path
 * @param startLine first replaced line, 1-based
 * @param endLine   last replaced line, inclusive ({@code >= startLine})
 * @param text         the replacement lines, joined with {@code \n}, without a final newline
 * @param fingerprints the findings whose fixes it holds
 */
public record LineSuggestion(String file, int startLine, int endLine, String text, List<String> fingerprints) {

    public LineSuggestion {
        fingerprints = List.copyOf(fingerprints);
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("bad line range " + startLine + ".." + endLine);
        }
    }
}
