package dev.guardrails.plugin.webhook;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the work an unauthenticated sender can cause: how many delivery bodies are read before
 * their signature is known, and how many of their bytes are held at once. Nothing ever waits for
 * budget: a delivery that does not fit is refused at once (429/503 with Retry-After), so a flood of
 * unsigned bodies costs a bounded amount of memory and never delays {@code /health}.
 */
@Singleton
final class UnverifiedBodyBudget {

    private final Semaphore slots;
    private final AtomicLong freeBytes;

    @Inject
    UnverifiedBodyBudget(WebhookSettings settings) {
        this(settings.maxUnverifiedRequests(), settings.maxUnverifiedBytes());
    }

    UnverifiedBodyBudget(int requests, long bytes) {
        this.slots = new Semaphore(requests);
        this.freeBytes = new AtomicLong(bytes);
    }

    /** A slot for one body, or null when all slots are taken. */
    Lease tryEnter() {
        return slots.tryAcquire() ? new Lease() : null;
    }

    long freeBytes() {
        return freeBytes.get();
    }

    int freeSlots() {
        return slots.availablePermits();
    }

    private boolean take(long n) {
        while (true) {
            long free = freeBytes.get();
            if (free < n) {
                return false;
            }
            if (freeBytes.compareAndSet(free, free - n)) {
                return true;
            }
        }
    }

    /** One body's slot and the bytes reserved for it; closing returns both. Not thread-safe. */
    final class Lease implements AutoCloseable {

        private long reserved;
        private boolean closed;

        /** Makes sure {@code total} bytes are reserved for this body; false when the budget cannot cover them. */
        boolean ensure(long total) {
            if (total <= reserved) {
                return true;
            }
            if (!take(total - reserved)) {
                return false;
            }
            reserved = total;
            return true;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            freeBytes.addAndGet(reserved);
            reserved = 0;
            slots.release();
        }
    }
}
