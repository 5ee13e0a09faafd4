package dev.guardrails.scanner.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Interrupts a worker thread when its deadline passes, so blocking work (a helm or kustomize child
 * the process runner is waiting on) stops too: the runner kills the child's process tree on
 * interrupt. Loops in parsing and checking test the {@link Deadline} themselves.
 */
final class Watchdog implements AutoCloseable {

    private final ScheduledExecutorService timer;

    Watchdog() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "guardrails-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} on this thread, interrupting it if {@code deadline} passes first. */
    <R> R within(Deadline deadline, Supplier<R> work) {
        if (!deadline.bounded()) {
            return work.get();
        }
        Guard guard = new Guard(Thread.currentThread());
        ScheduledFuture<?> alarm = timer.schedule(guard::fire, deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        try {
            return work.get();
        } finally {
            alarm.cancel(false);
            if (guard.disarm()) {
                Thread.interrupted(); // our own interrupt: do not leak it into the next task on this thread
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Interrupts at most once, and never after the work ended. */
    private static final class Guard {
        private final Thread thread;
        private boolean done;
        private boolean fired;

        Guard(Thread thread) {
            this.thread = thread;
        }

        synchronized void fire() {
            if (!done) {
                fired = true;
                thread.interrupt();
            }
        }

        synchronized boolean disarm() {
            done = true;
            return fired;
        }
    }
}
