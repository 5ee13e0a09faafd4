package dev.guardrails.scanner.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final ProcessRunner runner = new ProcessRunner(Duration.ofMillis(500));

    @TempDir
    Path tmp;

    private static ProcessSpec sh(String script, Map<String, String> env, Duration timeout, long maxStdout) {
        return ProcessSpec.of(List.of("/bin/sh", "-c", script), null, env, timeout, maxStdout);
    }

    @Test
    void capturesStdoutAndStderrOfASuccessfulRun() throws Exception {
        ProcessResult result = runner.run(sh("printf 'out'; printf 'warn' >&2", Map.of(), TEN_SECONDS, 1024));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutText()).isEqualTo("out");
        assertThat(result.stderr()).isEqualTo("warn");
    }

    @Test
    void runsInTheGivenWorkingDirectory() throws Exception {
        ProcessResult result = runner.run(ProcessSpec.of(List.of("/bin/pwd"), tmp, Map.of(), TEN_SECONDS, 1024));

        assertThat(Path.of(result.stdoutText().strip()).toRealPath()).isEqualTo(tmp.toRealPath());
    }

    @Test
    void environmentHoldsOnlyTheGivenVariables() throws Exception {
        ProcessResult result = runner.run(ProcessSpec.of(List.of("/usr/bin/env"), null,
                Map.of("ONLY_ME", "1", "AND_ME", "two"), TEN_SECONDS, 64 * 1024));

        assertThat(result.stdoutText().lines()).containsExactlyInAnyOrder("ONLY_ME=1", "AND_ME=two");
    }

    @Test
    void stdinIsClosed() throws Exception {
        ProcessResult result = runner.run(ProcessSpec.of(List.of("/bin/cat"), null, Map.of(), TEN_SECONDS, 1024));

        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void nonZeroExitFailsWithArgoStyleMessageAndStderr() {
        ProcessFailure failure = catchThrowableOfType(
                () -> runner.run(sh("echo boom >&2; exit 3", Map.of("TOKEN", "s3cr3t-value"), TEN_SECONDS, 1024)),
                ProcessFailure.class);

        assertThat(failure.kind()).isEqualTo(ProcessFailure.Kind.EXIT);
        assertThat(failure.exitCode()).isEqualTo(3);
        assertThat(failure.stderr()).isEqualTo("boom");
        assertThat(failure.getMessage())
                .isEqualTo("`/bin/sh -c 'echo boom >&2; exit 3'` failed: exit status 3: boom")
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void stderrInTheFailureIsCapped() {
        ProcessFailure failure = catchThrowableOfType(
                () -> runner.run(sh("head -c 20000 /dev/zero | tr '\\000' x >&2; exit 1", Map.of(), TEN_SECONDS, 1024)),
                ProcessFailure.class);

        assertThat(failure.stderr()).startsWith("xxxx").endsWith("[truncated]");
        assertThat(failure.stderr().length()).isLessThan(ProcessFailure.MAX_STDERR_CHARS + 20);
    }

    @Test
    void stderrBeyondItsCapIsDroppedButTheRunSucceeds() throws Exception {
        ProcessResult result = runner.run(new ProcessSpec(List.of("/bin/sh", "-c",
                "head -c 100000 /dev/zero | tr '\\000' e >&2; echo done"), null, Map.of(), TEN_SECONDS, 1024, 1000));

        assertThat(result.stdoutText()).isEqualTo("done\n");
        assertThat(result.stderr()).startsWith("e".repeat(1000)).endsWith("[stderr truncated]");
        assertThat(result.stderr()).hasSizeLessThan(1100);
    }

    @Test
    void stdoutOverTheCapKillsAndFails() {
        ProcessFailure failure = catchThrowableOfType(
                () -> runner.run(ProcessSpec.of(List.of("/usr/bin/yes"), null, Map.of(), TEN_SECONDS, 10_000)),
                ProcessFailure.class);

        assertThat(failure.kind()).isEqualTo(ProcessFailure.Kind.OUTPUT_LIMIT);
        assertThat(failure.getMessage()).contains("stdout over 10000 bytes");
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        Path parentPid = tmp.resolve("parent.pid");
        Path childPid = tmp.resolve("child.pid");
        String script = "echo $$ > " + parentPid + "; sleep 30 & echo $! > " + childPid + "; wait";

        ProcessFailure failure = catchThrowableOfType(
                () -> runner.run(sh(script, Map.of("PATH", "/usr/bin:/bin"), Duration.ofMillis(200), 1024)),
                ProcessFailure.class);

        assertThat(failure.kind()).isEqualTo(ProcessFailure.Kind.TIMEOUT);
        assertThat(failure.exitCode()).isEqualTo(-1);
        assertThat(failure.getMessage()).contains("timed out after 200ms");
        assertThat(awaitGone(readPid(parentPid))).as("shell killed").isTrue();
        assertThat(awaitGone(readPid(childPid))).as("background sleep killed").isTrue();
    }

    @Test
    void programThatCannotStartFails() {
        assertThatThrownBy(() -> runner.run(ProcessSpec.of(List.of("/nonexistent/tool", "--flag"), null, Map.of(),
                TEN_SECONDS, 1024)))
                .isInstanceOfSatisfying(ProcessFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ProcessFailure.Kind.START);
                    assertThat(f.getMessage()).startsWith("`/nonexistent/tool --flag` failed: could not start");
                });
    }

    @Test
    void specRejectsEmptyArgvAndNonPositiveLimits() {
        assertThatThrownBy(() -> ProcessSpec.of(List.of(), null, Map.of(), TEN_SECONDS, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessSpec.of(List.of("x"), null, Map.of(), Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessSpec.of(List.of("x"), null, Map.of(), TEN_SECONDS, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long readPid(Path file) throws IOException {
        // The script writes the file before it can be killed only if it got that far; wait briefly.
        for (int i = 0; i < 100 && (!Files.exists(file) || Files.readString(file).isBlank()); i++) {
            sleep(50);
        }
        return Long.parseLong(Files.readString(file).strip());
    }

    /** True once the pid is gone or a zombie (killed, not yet reaped by a parent we do not control). */
    private static boolean awaitGone(long pid) throws IOException {
        for (int i = 0; i < 100; i++) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            if (!Files.exists(stat)) {
                return true;
            }
            try {
                String text = Files.readString(stat);
                char state = text.charAt(text.lastIndexOf(')') + 2);
                if (state == 'Z' || state == 'X') {
                    return true;
                }
            } catch (IOException vanished) {
                return true;
            }
            sleep(50);
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
