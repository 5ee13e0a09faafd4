package dev.guardrails.plugin.ops;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/** Test-only endpoints: one that reports the MDC it runs with, one that blocks until released. */
@Requires(property = "spec.name", value = "ops")
@Controller("/ops-test")
class OpsTestController {

    /** Counted down when a slow request has started. */
    static volatile CountDownLatch entered = new CountDownLatch(1);
    /** Counted down by the test to let the slow request finish. */
    static volatile CountDownLatch release = new CountDownLatch(1);

    @Get("/mdc")
    @ExecuteOn(TaskExecutors.BLOCKING)
    String mdc() {
        String id = MDC.get(JsonLayout.REQUEST_ID);
        return id == null ? "none" : id;
    }

    @Get("/slow")
    @ExecuteOn(TaskExecutors.BLOCKING)
    String slow() throws InterruptedException {
        entered.countDown();
        // Bounded so a broken test cannot hang the build.
        boolean released = release.await(60, TimeUnit.SECONDS);
        return released ? "finished" : "gave up";
    }
}
