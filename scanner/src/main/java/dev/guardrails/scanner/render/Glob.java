package dev.guardrails.scanner.render;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled glob over {@code /}-separated relative paths.
 *
 * <p>Two flavours, because the two users expect different things: Argo CD's directory
 * include/exclude uses gobwas globs without separators, where {@code *} also crosses {@code /}
 * ({@link #argo}); repo exclusion lists follow the usual doublestar rules, where {@code *} stays in
 * one segment and {@code **} crosses ({@link #segmented}). Both support {@code ?}, {@code [abc]},
 * {@code [!a-z]}, {@code {a,b}} and {@code \} escapes.
 */
public final class Glob {

    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /** Argo CD (gobwas) semantics: {@code *} matches any run of characters, {@code /} included. */
    public static Glob argo(String pattern) {
        return new Glob(pattern, compile(pattern, true));
    }

    /** Doublestar semantics: {@code *} and {@code ?} stay within a segment, {@code **} crosses. */
    public static Glob segmented(String pattern) {
        return new Glob(pattern, compile(pattern, false));
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static Pattern compile(String glob, boolean starCrossesSlash) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    } else {
                        re.append("\\\\");
                    }
                }
                case '*' -> {
                    boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                    if (doubleStar) {
                        while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                            i++;
                        }
                        // "a/**/b" also matches "a/b".
                        if (!starCrossesSlash && i + 1 < glob.length() && glob.charAt(i + 1) == '/'
                                && (re.length() == 0 || re.charAt(re.length() - 1) == '/')) {
                            i++;
                            re.append("(?:.*/)?");
                        } else if (!starCrossesSlash && i + 1 == glob.length() && re.length() > 0
                                && re.charAt(re.length() - 1) == '/') {
                            // "a/**" also matches "a" itself: the directory and everything below it.
                            re.setLength(re.length() - 1);
                            re.append("(?:/.*)?");
                        } else {
                            re.append(".*");
                        }
                    } else {
                        re.append(starCrossesSlash ? ".*" : "[^/]*");
                    }
                }
                case '?' -> re.append(starCrossesSlash ? "." : "[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end);
                        boolean negate = body.startsWith("!") || body.startsWith("^");
                        if (negate) {
                            body = body.substring(1);
                        }
                        re.append('[').append(negate ? "^" : "").append(body.replace("\\", "\\\\").replace("[", "\\["))
                                .append(']');
                        i = end;
                    }
                }
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces > 0) {
                        braces--;
                        re.append(')');
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                // Plain, so the "**" cases above can see the separator before them.
                case '/' -> re.append('/');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces > 0) {
            throw new IllegalArgumentException("unbalanced '{' in glob '" + glob + "'");
        }
        try {
            return Pattern.compile(re.toString());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid glob '" + glob + "': " + e.getDescription(), e);
        }
    }
}
