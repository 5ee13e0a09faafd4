package dev.guardrails.plugin.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryLogTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void replaysAreRefusedUntilReleasedOrExpired() {
        DeliveryLog log = new DeliveryLog(10, Duration.ofMinutes(5), now::get);

        assertThat(log.claim("a")).isTrue();
        assertThat(log.claim("a")).isFalse();
        log.release("a");
        assertThat(log.claim("a")).isTrue();
        now.addAndGet(Duration.ofMinutes(5).plusNanos(1).toNanos());
        assertThat(log.claim("a")).isTrue();
    }

    @Test
    void oldestIdsAreForgottenBeyondCapacity() {
        DeliveryLog log = new DeliveryLog(2, Duration.ofHours(1), now::get);

        log.claim("a");
        log.claim("b");
        log.claim("c");

        assertThat(log.size()).isEqualTo(2);
        assertThat(log.claim("b")).isFalse();
        assertThat(log.claim("a")).isTrue();
    }
}
