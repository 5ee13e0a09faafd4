package dev.guardrails.scanner.report;

import dev.guardrails.scanner.model.Finding;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escaping for Markdown written from untrusted manifest text (names, messages, paths): the scan's
 * Markdown report and the PR bot's comment share it so neither can be broken out of a table cell,
 * a code span or a fenced block.
 */
public final class MarkdownText {

    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9._:/@-]+");
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private MarkdownText() {
    }

    /** One line without control characters (line breaks become spaces). */
    public static String clean(String s) {
        return TextReporter.clean(s);
    }

    /** Escapes text for a table cell: HTML, Markdown syntax and pipes; line breaks become {@code <br>}. */
    public static String cell(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        String text = s.strip().replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\n' -> b.append("<br>");
                case '|', '\\', '`', '*', '_', '[', ']', '~', '#' -> b.append('\\').append(c);
                case '\t' -> b.append(' ');
                default -> b.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /** Escapes text inside an HTML element such as {@code <summary>}. */
    public static String html(String s) {
        return clean(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Inline code for identifier-like text, escaped text otherwise (a backtick would end the span). */
    public static String code(String s) {
        String clean = clean(s);
        return SAFE_CODE.matcher(clean).matches() ? "`" + clean + "`" : cell(clean);
    }

    /** A double-quoted YAML scalar unless the text is a plain identifier; stays valid YAML. */
    public static String yamlString(String s) {
        String clean = clean(s);
        if (SAFE_CODE.matcher(clean).matches() && !clean.contains(":") && !clean.startsWith("@")) {
            return clean;
        }
        return "\"" + clean.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A fenced block whose fence is longer than any backtick run in the text, so it cannot be closed early. */
    public static String fenced(String lang, String text) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + lang + "\n" + text + "\n" + fence;
    }

    /**
     * A collapsed "how to exempt" block with a ready {@code .guardrails.yaml} snippet for one
     * finding: its rule and object, an owner, a reason and an expiry to fill in.
     */
    public static String exemptionHint(Finding example, LocalDate expires) {
        StringBuilder yaml = new StringBuilder("exemptions:\n");
        yaml.append("  - rule: ").append(yamlString(example.ruleId())).append('\n');
        yaml.append("    match:\n");
        yaml.append("      app: ").append(yamlString(example.app())).append('\n');
        if (!example.object().kind().isEmpty()) {
            yaml.append("      kind: ").append(yamlString(example.object().kind())).append('\n');
        }
        if (!example.object().namespace().isEmpty()) {
            yaml.append("      namespace: ").append(yamlString(example.object().namespace())).append('\n');
        }
        if (!example.object().name().isEmpty()) {
            yaml.append("      name: ").append(yamlString(example.object().name())).append('\n');
        }
        yaml.append("    owner: team-name\n");
        yaml.append("    reason: \"Why this cannot be fixed yet, with a ticket link\"\n");
        yaml.append("    expires: ").append(expires).append('\n');
        return "<details><summary>How to exempt a finding</summary>\n\n"
                + "Fix the finding if you can. If it must stay, add an exemption to `.guardrails.yaml` with an owner, "
                + "a reason and an expiry date (globs such as `*` are allowed in `match`):\n\n"
                + fenced("yaml", yaml.toString().stripTrailing()) + "\n\n</details>\n";
    }
}
