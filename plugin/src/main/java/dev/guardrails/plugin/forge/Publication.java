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
 * @param inline        new findings on lines the change adds, for review comments (capped by the formatter)
 */
public record Publication(String comment, boolean createComment, Verdict verdict, String title, String summary,
                          List<Annotation> annotations, List<InlineComment> inline) {

    public Publication {
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
        inline = inline == null ? List.of() : List.copyOf(inline);
    }

    /** Hidden marker of one finding's inline comment, so it is posted once per pull request. */
    public static String findingMarker(String key) {
        return "<!-- guardrails:finding:" + key + " -->";
    }

    /**
     * A review comment on a line the pull request adds (GitHub review comment, GitLab diff discussion).
     *
     * @param path repo-relative file at the head
     * @param line 1-based line in the head's version of the file
     * @param key  stable key of the finding (hash of its fingerprint), carried in a hidden marker
     * @param body Markdown, without the marker
     */
    public record InlineComment(String path, int line, String key, String body) {

        public String bodyWithMarker() {
            return findingMarker(key) + "\n" + body;
        }
    }

    /** The check's conclusion. */
    public enum Verdict {
        /** Nothing new to show. */
        SUCCESS,
        /** New findings, none blocking. */
        NEUTRAL,
        /** A new blocking finding, an app that no longer renders, or an invalid policy file. */
        FAILURE,
        /** The review itself could not be completed (clone, token, API): nothing was checked. */
        ERROR
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
