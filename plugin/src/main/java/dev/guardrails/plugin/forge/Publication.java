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
     * A review comment on a line the pull request adds (GitHub review comment, GitLab diff discussion),
     * about the new findings on that line.
     *
     * @param path       repo-relative file at the head
     * @param line       1-based line in the head's version of the file
     * @param keys       stable keys of the findings (hashes of their fingerprints), carried in hidden markers
     * @param body       Markdown, without the markers and the suggestion
     * @param suggestion a verified fix of the commented findings as a line replacement, or null
     */
    public record InlineComment(String path, int line, List<String> keys, String body, Suggestion suggestion) {

        public InlineComment {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("an inline comment is about at least one finding");
            }
        }

        public InlineComment(String path, int line, String key, String body) {
            this(path, line, List.of(key), body, null);
        }

        /**
         * Whether every finding of this comment is already in one of the bot's earlier comments,
         * so posting it again would repeat them.
         */
        public boolean postedIn(java.util.Collection<String> earlierBodies) {
            return keys.stream().allMatch(k -> earlierBodies.stream().anyMatch(b -> b.contains(findingMarker(k))));
        }

        /**
         * The comment as posted: the markers, the body, and the suggestion in the forge's syntax when
         * {@code block} is not null (the block was placed), else the suggestion's fallback line.
         */
        public String render(String block) {
            StringBuilder out = new StringBuilder();
            keys.forEach(k -> out.append(findingMarker(k)));
            out.append('\n').append(body);
            if (suggestion != null) {
                out.append("\n\n").append(block != null ? suggestion.intro() + "\n\n" + block : suggestion.fallback());
            }
            return out.toString();
        }

        public String bodyWithMarker() {
            return render(null);
        }
    }

    /**
     * A fix offered as a one-click change of lines {@code startLine..endLine} of the commented file
     * (they include the comment's line). A forge can place it only when those lines are all in one
     * hunk of the change; otherwise the fallback (how to apply it with {@code guardrails fix}) is shown.
     *
     * @param text     the replacement lines, joined with {@code \n}
     * @param intro    Markdown before the block
     * @param fallback Markdown shown instead of intro and block
     */
    public record Suggestion(int startLine, int endLine, String text, String intro, String fallback) {

        /** Whether the replaced lines lie in one hunk of the change, where a forge can place it. */
        public boolean fitsIn(List<DiffLines.Hunk> hunks) {
            return hunks.stream().anyMatch(h -> h.contains(startLine, endLine));
        }

        /**
         * The fenced block: {@code suggestion} for GitHub, {@code suggestion:-A+B} (lines above and
         * below the commented one) for GitLab. The fence is longer than any backtick run in the text.
         */
        public String block(boolean gitlab, int commentLine) {
            int longest = 0;
            int run = 0;
            for (int i = 0; i < text.length(); i++) {
                run = text.charAt(i) == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            String fence = "`".repeat(Math.max(3, longest + 1));
            String info = gitlab ? "suggestion:-" + (commentLine - startLine) + "+" + (endLine - commentLine) : "suggestion";
            return fence + info + "\n" + (text.isEmpty() ? "" : text + "\n") + fence;
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
