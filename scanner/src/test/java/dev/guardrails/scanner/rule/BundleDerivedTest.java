package dev.guardrails.scanner.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Indexes derived from a bundle are built once per bundle and type, and never shared across bundles. */
class BundleDerivedTest {

    record Count(int objects) {
    }

    @Test
    void builtOncePerBundle() {
        AtomicInteger builds = new AtomicInteger();
        Bundle bundle = Bundle.of(List.of());
        Count first = bundle.derived(Count.class, b -> new Count(b.objects().size() + builds.incrementAndGet()));
        Count again = bundle.derived(Count.class, b -> new Count(builds.incrementAndGet()));
        assertThat(again).isSameAs(first);
        assertThat(builds).hasValue(1);
        Count other = Bundle.of(List.of()).derived(Count.class, b -> new Count(builds.incrementAndGet()));
        assertThat(other).isNotSameAs(first);
        assertThat(builds).hasValue(2);
    }
}
