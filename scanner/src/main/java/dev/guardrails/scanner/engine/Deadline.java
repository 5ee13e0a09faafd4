package dev.guardrails.scanner.engine;

import java.time.Duration;

/**
 * A point in monotonic time by which some work must end: one per scan, one per app (render, parse
 * and checks together). Cheap to test, so loops over objects and rules check it as they go.
 */
public record Deadline(long endNanos) {

    private static final long NONE = Long.MAX_VALUE;

    public static Deadline none() {
        return new Deadline(NONE);
    }

    /** {@code timeout} from now; null or non-positive means no deadline. */
    public static Deadline after(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            return none();
        }
        long now = System.nanoTime();
        long nanos = timeout.toNanos();
        return new Deadline(nanos > NONE - now ? NONE : now + nanos);
    }

    /** The earlier of the two. */
    public Deadline min(Deadline other) {
        return endNanos <= other.endNanos ? this : other;
    }

    public boolean bounded() {
        return endNanos != NONE;
    }

    public boolean passed() {
        return bounded() && System.nanoTime() - endNanos >= 0;
    }

    public long remainingNanos() {
        return bounded() ? Math.max(0, endNanos - System.nanoTime()) : Long.MAX_VALUE;
    }

    /**
     * Throws when passed, or when the thread was interrupted (a client that went away, a cancelled
     * scan): loops call it between units of work.
     */
    public void check() {
        if (passed() || Thread.currentThread().isInterrupted()) {
            throw new Exceeded();
        }
    }

    /** The work ran past its deadline; the engine turns it into an {@code app-timeout} finding. */
    public static final class Exceeded extends RuntimeException {
        public Exceeded() {
            super("deadline exceeded", null, false, false);
        }
    }
}
