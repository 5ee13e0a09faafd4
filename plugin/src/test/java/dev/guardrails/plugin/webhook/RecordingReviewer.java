package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.ReviewRequest;
import dev.guardrails.plugin.review.Reviewer;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the review side: records every call, can be held at a gate (to observe work while it
 * runs), made to fail a number of times, or made slow (benchmark).
 */
@Singleton
@Replaces(Reviewer.class)
@Requires(env = WebhookServer.ENV)
public final class RecordingReviewer implements Reviewer {

    private final List<ReviewRequest> attempts = new CopyOnWriteArrayList<>();
    private final List<ReviewRequest> reviewed = new CopyOnWriteArrayList<>();
    private final List<ReviewRequest> accepted = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final Semaphore started = new Semaphore(0);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Duration delay;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final List<String> requestIds = new CopyOnWriteArrayList<>();
    private volatile Exception failure;

    public RecordingReviewer(@Value("${webhook-test.review-delay:0s}") Duration delay) {
        this.delay = delay;
    }

    @Override
    public void review(ReviewRequest request) throws Exception {
        attempts.add(request);
        String requestId = org.slf4j.MDC.get("requestId");
        requestIds.add(requestId == null ? "" : requestId);
        org.slf4j.LoggerFactory.getLogger(RecordingReviewer.class).info("reviewing {}", request.key());
        started.release();
        gate.await();
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            if (failure != null) {
                throw failure;
            }
            throw new IOException("clone of https://x-access-token:ghs_abc123@github.com/o/r.git failed");
        }
        reviewed.add(request);
    }

    @Override
    public void accepted(ReviewRequest request) {
        accepted.add(request);
    }

    @Override
    public void failed(ReviewRequest request, String reason) {
        failed.add(request.key() + ": " + reason);
    }

    /** Requests reported accepted (the in-progress mark), in order. */
    public List<ReviewRequest> accepted() {
        return List.copyOf(accepted);
    }

    /** Reviews given up on, as "key: reason". */
    public List<String> failed() {
        return List.copyOf(failed);
    }

    /** Completed reviews, in completion order. */
    public List<ReviewRequest> reviewed() {
        return List.copyOf(reviewed);
    }

    /** Every call, including failed and interrupted ones. */
    public List<ReviewRequest> attempts() {
        return List.copyOf(attempts);
    }

    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    public void failNext(int times) {
        failure = null;
        failuresLeft.set(times);
    }

    /** Fails the next {@code times} calls with {@code e}. */
    public void failNext(int times, Exception e) {
        failure = e;
        failuresLeft.set(times);
    }

    /** The MDC request id seen by each call ("" when none), in call order. */
    public List<String> requestIds() {
        return List.copyOf(requestIds);
    }

    /** Waits (bounded) until {@code n} more calls have started; fails the test otherwise. */
    public void awaitStarted(int n) throws InterruptedException {
        if (!started.tryAcquire(n, 30, TimeUnit.SECONDS)) {
            throw new AssertionError(n + " review(s) did not start");
        }
    }

    public void reset() {
        attempts.clear();
        reviewed.clear();
        accepted.clear();
        failed.clear();
        started.drainPermits();
        failuresLeft.set(0);
        failure = null;
        requestIds.clear();
        release();
    }
}
