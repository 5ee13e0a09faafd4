package dev.guardrails.scanner.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One external command to run: a bare argv (no shell), its working directory, the complete
 * environment it will see (the runner starts from an empty one, so the caller decides exactly what
 * leaks into helm or kubectl), a deadline and output caps.
 *
 * @param argv           program and arguments; never passed through a shell
 * @param workDir        working directory, or {@code null} for the runner's own
 * @param env            the whole environment of the child; nothing is inherited
 * @param timeout        wall-clock limit; at the deadline the whole process tree is killed
 * @param maxStdoutBytes stdout beyond this kills the process and fails the run
 * @param maxStderrBytes stderr beyond this is dropped (the run goes on)
 * @param maxRssBytes    resident memory of the whole process tree beyond this kills the tree and fails
 *                       the run (0: no cap); enforced on Linux by sampling {@code /proc}
 */
public record ProcessSpec(List<String> argv, Path workDir, Map<String, String> env, Duration timeout,
                          long maxStdoutBytes, long maxStderrBytes, long maxRssBytes) {

    public ProcessSpec(List<String> argv, Path workDir, Map<String, String> env, Duration timeout,
                       long maxStdoutBytes, long maxStderrBytes) {
        this(argv, workDir, env, timeout, maxStdoutBytes, maxStderrBytes, 0);
    }

    /** Stderr kept by {@link #of} specs: enough for any tool's error report. */
    public static final long DEFAULT_MAX_STDERR = 256 * 1024;

    public ProcessSpec {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        env = Map.copyOf(env == null ? Map.of() : env);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxStdoutBytes <= 0 || maxStderrBytes <= 0) {
            throw new IllegalArgumentException("output caps must be positive");
        }
        if (maxRssBytes < 0) {
            throw new IllegalArgumentException("memory cap must be 0 (none) or positive");
        }
    }

    /** A spec with the default stderr cap. */
    public static ProcessSpec of(List<String> argv, Path workDir, Map<String, String> env, Duration timeout,
                                 long maxStdoutBytes) {
        return new ProcessSpec(argv, workDir, env, timeout, maxStdoutBytes, DEFAULT_MAX_STDERR);
    }
}
