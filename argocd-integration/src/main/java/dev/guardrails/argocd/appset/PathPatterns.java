package dev.guardrails.argocd.appset;

/**
 * The two path-matching dialects of Argo CD's git generator.
 *
 * <ul>
 *   <li>{@link #goMatch}: Go {@code path.Match} (directories): {@code *} and {@code ?} never cross
 *       {@code /}; {@code [..]} classes with {@code ^} negation and ranges; {@code \} escapes.
 *   <li>{@link #gitPathspec}: {@code git ls-files -- <pattern>} (files, default non-doublestar
 *       mode): wildcards match across {@code /}; a pattern without wildcards matches the path
 *       itself or everything below it.
 * </ul>
 */
final class PathPatterns {

    private PathPatterns() {
    }

    /**
     * Go {@code path.Match}.
     *
     * @throws ExpansionException for a malformed pattern (Go's {@code ErrBadPattern})
     */
    static boolean goMatch(String pattern, String name) throws ExpansionException {
        return match(pattern, 0, name, 0, false);
    }

    /** {@code git ls-files} pathspec matching (fnmatch without {@code FNM_PATHNAME}). */
    static boolean gitPathspec(String pattern, String path) throws ExpansionException {
        if (pattern.startsWith("./")) {
            pattern = pattern.substring(2);
        }
        if (pattern.isEmpty() || pattern.equals(".")) {
            return true;
        }
        if (!hasWildcard(pattern)) {
            String p = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
            return path.equals(p) || path.startsWith(p + "/");
        }
        return match(pattern, 0, path, 0, true);
    }

    private static boolean hasWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    private static boolean match(String p, int pi, String s, int si, boolean crossSlash) throws ExpansionException {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    if (!crossSlash && s.indexOf('/', si) >= 0) {
                        return false;
                    }
                    // Validate nothing further: the rest of the pattern is empty.
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (match(p, pi, s, k, crossSlash)) {
                        return true;
                    }
                    if (k < s.length() && !crossSlash && s.charAt(k) == '/') {
                        break;
                    }
                }
                validate(p, pi);
                return false;
            }
            if (si >= s.length()) {
                validate(p, pi);
                return false;
            }
            char sc = s.charAt(si);
            if (c == '?') {
                if (!crossSlash && sc == '/') {
                    return false;
                }
                pi++;
                si++;
            } else if (c == '[') {
                int[] next = {0};
                boolean matched = classMatch(p, pi, sc, next);
                if (!matched || (!crossSlash && sc == '/')) {
                    validate(p, next[0]);
                    return false;
                }
                pi = next[0];
                si++;
            } else {
                if (c == '\\') {
                    pi++;
                    if (pi >= p.length()) {
                        throw badPattern(p);
                    }
                    c = p.charAt(pi);
                }
                if (c != sc) {
                    validate(p, pi + 1);
                    return false;
                }
                pi++;
                si++;
            }
        }
        return si == s.length();
    }

    /** Matches one {@code [...]} class at {@code p[start]}; stores the index after it. */
    private static boolean classMatch(String p, int start, char ch, int[] next) throws ExpansionException {
        int i = start + 1;
        boolean negated = false;
        if (i < p.length() && (p.charAt(i) == '^' || p.charAt(i) == '!')) {
            negated = true;
            i++;
        }
        boolean matched = false;
        int count = 0;
        while (true) {
            if (i >= p.length()) {
                throw badPattern(p);
            }
            if (p.charAt(i) == ']' && count > 0) {
                i++;
                break;
            }
            char lo = p.charAt(i);
            if (lo == '\\') {
                if (++i >= p.length()) {
                    throw badPattern(p);
                }
                lo = p.charAt(i);
            }
            i++;
            char hi = lo;
            if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                hi = p.charAt(i + 1);
                i += 2;
                if (hi == '\\') {
                    if (i >= p.length()) {
                        throw badPattern(p);
                    }
                    hi = p.charAt(i++);
                }
            }
            if (lo <= ch && ch <= hi) {
                matched = true;
            }
            count++;
        }
        next[0] = i;
        return matched != negated;
    }

    /** Go reports a bad pattern even after a mismatch; check the remaining classes are closed. */
    private static void validate(String p, int from) throws ExpansionException {
        int i = from;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) {
                    throw badPattern(p);
                }
                i += 2;
            } else if (c == '[') {
                int[] next = {0};
                classMatch(p, i, 'a', next);
                i = next[0];
            } else {
                i++;
            }
        }
    }

    private static ExpansionException badPattern(String p) {
        return new ExpansionException("syntax error in pattern '" + p + "'");
    }
}
