package dev.guardrails.scanner.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The report formats the scanner can write, looked up by the name users type
 * ({@code --format sarif}). One explicit list, no registry: adding a format means adding a constant.
 */
public enum ReportFormat {
    /** Human output for terminals and CI logs. */
    TEXT("text"),
    /** Stable machine-readable output, see {@link JsonReporter}. */
    JSON("json"),
    /** SARIF 2.1.0 for code-scanning dashboards. */
    SARIF("sarif"),
    /** JUnit XML for CI test tabs. */
    JUNIT("junit"),
    /** Markdown for PR comments and job summaries. */
    MARKDOWN("markdown");

    private final String id;

    ReportFormat(String id) {
        this.id = id;
    }

    /** The name used on the command line and in config. */
    public String id() {
        return id;
    }

    /** A reporter for this format; {@code colour} only affects {@link #TEXT}. */
    public Reporter reporter(boolean colour) {
        return switch (this) {
            case TEXT -> new TextReporter(colour);
            case JSON -> new JsonReporter();
            case SARIF -> new SarifReporter();
            case JUNIT -> new JunitReporter();
            case MARKDOWN -> new MarkdownReporter();
        };
    }

    /**
     * The format named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid formats when there is no such format
     */
    public static ReportFormat parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f.id.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + name + "'; valid formats: " + names());
    }

    /** The valid names, comma separated, in declaration order. */
    public static String names() {
        return Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", "));
    }
}
