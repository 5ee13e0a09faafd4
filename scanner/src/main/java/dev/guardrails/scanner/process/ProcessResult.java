package dev.guardrails.scanner.process;

import java.nio.charset.StandardCharsets;

/**
 * What a command that exited 0 produced. Stdout stays bytes (the caller picks the decoding);
 * stderr is text because it is only ever shown to people, and successful tools often warn on it.
 *
 * @param exitCode      always 0 when returned by {@link ProcessRunner}; kept for fakes and logs
 * @param stdout        everything written to stdout, within the cap
 * @param stderr        stderr decoded as UTF-8, possibly truncated at the cap
 * @param elapsedMillis wall-clock time from start to exit
 */
public record ProcessResult(int exitCode, byte[] stdout, String stderr, long elapsedMillis) {

    /** Stdout decoded as UTF-8. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
