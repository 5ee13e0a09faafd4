package dev.guardrails.scanner.render;

/** Joins repo-relative paths written with {@code /}, where {@code .} is the root. */
final class RepoPaths {

    private RepoPaths() {
    }

    static String join(String base, String child) {
        if (base == null || base.isEmpty() || base.equals(".")) {
            return child;
        }
        if (child == null || child.isEmpty() || child.equals(".")) {
            return base;
        }
        return base.endsWith("/") ? base + child : base + "/" + child;
    }
}
