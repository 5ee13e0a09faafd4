package dev.guardrails.plugin.cli;

/** Process exit codes, stable for CI scripts. */
public enum ExitCode {
    /** No finding blocks. */
    CLEAN(0),
    /** At least one enforce-mode finding that is not exempted. */
    BLOCKED(1),
    /** Bad usage, bad config, or an internal error: nothing was decided. */
    ERROR(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
