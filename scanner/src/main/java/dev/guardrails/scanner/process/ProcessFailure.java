package dev.guardrails.scanner.process;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A command that did not finish cleanly. The message follows Argo CD's shape,
 * {@code `helm template . --name-template x` failed: exit status 1: <stderr>}, so users recognise
 * it. It never holds environment values: only the argv, the reason and the tool's own stderr.
 */
public final class ProcessFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** Stderr kept in the exception and its message. */
    public static final int MAX_STDERR_CHARS = 4096;

    /** Why the command failed. */
    public enum Kind {
        /** The program could not be started (missing, not executable, bad work dir). */
        START,
        /** The deadline passed; the process tree was killed. */
        TIMEOUT,
        /** Stdout went over its cap; the process tree was killed. */
        OUTPUT_LIMIT,
        /** The program exited with a non-zero status. */
        EXIT,
        /** The calling thread was interrupted; the process tree was killed. */
        INTERRUPTED,
        /** The process tree's resident memory went over its cap; the tree was killed. */
        MEMORY_LIMIT
    }

    private static final Pattern NEEDS_QUOTES = Pattern.compile("[^A-Za-z0-9_@%+=:,./-]");

    private final transient List<String> argv;
    private final Kind kind;
    private final int exitCode;
    private final String stderr;
    private final String reason;

    public ProcessFailure(List<String> argv, Kind kind, int exitCode, String reason, String stderr) {
        this(argv, kind, exitCode, reason, stderr, null);
    }

    public ProcessFailure(List<String> argv, Kind kind, int exitCode, String reason, String stderr, Throwable cause) {
        super(message(argv, reason, cap(stderr)), cause);
        this.argv = List.copyOf(argv);
        this.kind = kind;
        this.exitCode = exitCode;
        this.stderr = cap(stderr);
        this.reason = reason;
    }

    public List<String> argv() {
        return argv;
    }

    public Kind kind() {
        return kind;
    }

    /** The exit status, or -1 when the process never exited on its own. */
    public int exitCode() {
        return exitCode;
    }

    /** Trimmed stderr, at most {@link #MAX_STDERR_CHARS} characters; may be empty. */
    public String stderr() {
        return stderr;
    }

    /** Short reason: {@code exit status 1}, {@code timed out after 60s}, ... */
    public String reason() {
        return reason;
    }

    /** The argv as a shell-like quoted line, for messages. */
    public static String commandLine(List<String> argv) {
        return argv.stream().map(ProcessFailure::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && !NEEDS_QUOTES.matcher(arg).find()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static String message(List<String> argv, String reason, String stderr) {
        String head = "`" + commandLine(argv) + "` failed: " + reason;
        return stderr.isEmpty() ? head : head + ": " + stderr;
    }

    private static String cap(String stderr) {
        if (stderr == null) {
            return "";
        }
        String trimmed = stderr.strip();
        return trimmed.length() <= MAX_STDERR_CHARS ? trimmed : trimmed.substring(0, MAX_STDERR_CHARS) + " [truncated]";
    }
}
