package dev.guardrails.plugin.webhook;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Recently seen delivery ids (GitHub {@code X-GitHub-Delivery}, GitLab {@code X-Gitlab-Event-UUID}),
 * so a replayed or redelivered delivery does not start a second review. Bounded in count and age;
 * kept in memory only, so a restart forgets it (reviews are keyed by head commit anyway).
 */
@Singleton
public final class DeliveryLog {

    private final int capacity;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    /** Insertion order = first-seen order, so the eldest entries are both the oldest and the first to expire. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    @Inject
    public DeliveryLog(WebhookSettings settings) {
        this(settings.dedupCapacity(), settings.dedupTtl(), System::nanoTime);
    }

    DeliveryLog(int capacity, Duration ttl, LongSupplier nanoClock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("guardrails.webhook.dedup-capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Claims a delivery id: true the first time it is seen (within the TTL), false for a replay. */
    public synchronized boolean claim(String deliveryId) {
        long now = nanoClock.getAsLong();
        expire(now);
        if (seen.containsKey(deliveryId)) {
            return false;
        }
        seen.put(deliveryId, now);
        if (seen.size() > capacity) {
            Iterator<String> eldest = seen.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return true;
    }

    /** Forgets a claim whose delivery was not processed (4xx/5xx), so the sender may redeliver it. */
    public synchronized void release(String deliveryId) {
        seen.remove(deliveryId);
    }

    synchronized int size() {
        return seen.size();
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
        while (it.hasNext() && now - it.next().getValue() > ttlNanos) {
            it.remove();
        }
    }
}
