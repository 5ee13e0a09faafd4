package dev.guardrails.plugin.ops;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks values that look like credentials in a line of log output, so that a token that slips into
 * a message or an exception (a clone URL, a forge API error echoing a header) never reaches the log
 * store. It errs towards masking: a false positive costs a log line's readability, a miss costs a
 * rotated token.
 */
public final class Redactor {

    /** What a masked value is replaced with. */
    public static final String MASK = "****";

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            // GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens.
            new Rule(Pattern.compile("\\b(gh[pousr]_)[A-Za-z0-9]{16,}"), "$1" + MASK),
            new Rule(Pattern.compile("\\b(github_pat_)[A-Za-z0-9_]{16,}"), "$1" + MASK),
            // GitLab personal, deploy, trigger and runner tokens.
            new Rule(Pattern.compile("\\b(glpat-|gldt-|glptt-|glrt-)[A-Za-z0-9_\\-]{16,}"), "$1" + MASK),
            new Rule(Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/=\\-]{8,}"), "$1" + MASK),
            // Authorization: token ... (GitHub's older form) and Authorization: Basic ...
            new Rule(Pattern.compile("(?i)(authorization\"?\\s*[:=]\\s*\"?(?:token|basic)\\s+)[A-Za-z0-9._~+/=\\-]+"),
                    "$1" + MASK),
            // "token": "...", "password": "..." and friends in JSON bodies.
            new Rule(Pattern.compile("(?i)(\"[a-z_\\-]*(?:token|password|passwd|secret|api[_\\-]?key|private[_\\-]?key)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")"), "$1" + MASK + "$2"),
            // token=..., password=... in query strings, env dumps and key=value logs.
            new Rule(Pattern.compile("(?i)\\b([a-z_\\-]*(?:token|password|passwd|secret|api[_\\-]?key)=)[^&\\s\"',;]+"),
                    "$1" + MASK),
            // Credentials embedded in URLs: https://user:secret@host or https://x-access-token:...@host
            new Rule(Pattern.compile("(?i)\\b([a-z][a-z0-9+.\\-]*://)[^/\\s:@]+:[^/\\s@]+@"), "$1" + MASK + "@"));

    private Redactor() {
    }

    /** The text with every credential-looking value masked; {@code null} stays {@code null}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(rule.replacement());
            }
        }
        return out;
    }
}
