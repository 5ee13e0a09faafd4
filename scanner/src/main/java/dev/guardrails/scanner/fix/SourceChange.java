package dev.guardrails.scanner.fix;

/** A change to one repo file, applied to its current text (several may touch the same file). */
public interface SourceChange {

    /** Repo-relative path with {@code /} separators. */
    String file();

    /** The new text; {@code current} is empty for a file that does not exist yet. */
    String apply(String current) throws FixException;
}
