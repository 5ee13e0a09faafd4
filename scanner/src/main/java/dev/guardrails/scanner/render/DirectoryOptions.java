package dev.guardrails.scanner.render;

/**
 * Argo CD's {@code spec.source.directory} options.
 *
 * @param recurse walk subdirectories too
 * @param include glob on the path relative to the app dir; {@code null} or blank takes all. Globs
 *                follow Argo CD (gobwas): {@code *} also crosses {@code /}, {@code {a,b}} alternates
 * @param exclude glob checked before {@code include}; a match drops the file
 */
public record DirectoryOptions(boolean recurse, String include, String exclude) {

    /** Top level only, every manifest file. */
    public static DirectoryOptions defaults() {
        return new DirectoryOptions(false, null, null);
    }
}
