package dev.guardrails.plugin.forge;

import java.util.List;

/**
 * What a review publishes on a pull/merge request, independent of the forge.
 *
 * @param comment       Markdown of the sticky comment (contains the hidden marker)
 * @param createComment whether to create the comment when none exists yet; an existing one is always updated
 * @param verdict       outcome of the check run / commit status
 * @param title         one-line result, e.g. "2 new blocking findings"
 * @param summary       check run summary (Markdown)
 * @param annotations   new findings at source file and line, for the check run
 */
public record Publication(String comment, boolean createComment, Verdict verdict, String title, String summary,
                          List<Annotation> annotations) {

    public Publication {
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    /** The check's conclusion. */
    public enum Verdict {
        /** Nothing new to show. */
        SUCCESS,
        /** New findings, none blocking. */
        NEUTRAL,
        /** A new blocking finding, an app that no longer renders, or an invalid policy file. */
        FAILURE
    }

    /**
     * One check run annotation.
     *
     * @param path    repo-relative file
     * @param line    1-based line
     * @param level   failure for blocking findings, warning otherwise
     * @param title   rule id and object
     * @param message what is wrong and how to fix it
     */
    public record Annotation(String path, int line, Level level, String title, String message) {
    }

    /** GitHub's annotation levels. */
    public enum Level {
        NOTICE, WARNING, FAILURE
    }
}
