package dev.guardrails.plugin.review;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The {@link ReviewQueue}: a fixed pool of workers over a bounded FIFO of pull requests.
 * <ul>
 *   <li>A request whose {@link ReviewRequest#key()} is queued, running or waiting to retry is a
 *       {@code DUPLICATE}; a newer head of a PR that is still queued replaces the older one in place.</li>
 *   <li>Every accepted request is journaled under {@code guardrails.review.state-dir} until it is
 *       done or dropped; the journal is replayed when the queue is created (at server start).</li>
 *   <li>A failed review is retried {@code max-retries} times with doubling backoff, then dropped.</li>
 *   <li>Shutdown stops intake, lets running reviews finish within the grace period and leaves
 *       everything unfinished in the journal for the next start.</li>
 * </ul>
 */
@Singleton
public final class BoundedReviewQueue implements ReviewQueue, ApplicationEventListener<ServerStartupEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedReviewQueue.class);
    /** Userinfo in URLs and the usual token shapes, scrubbed from failure messages before logging. */
    private static final Pattern URL_USERINFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final Pattern TOKENS = Pattern.compile("\\b(gh[pousr]_|github_pat_|glpat-)[A-Za-z0-9_\\-]+");

    private record Pending(ReviewRequest request, int failures) {
    }

    private final ReviewQueueSettings settings;
    private final Reviewer reviewer;
    private final PendingReviewJournal journal;
    private final ExecutorService workers;
    private final ScheduledExecutorService retries;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final Condition idle = lock.newCondition();
    /** Waiting work by PR (forge, repository, number), in arrival order. */
    private final LinkedHashMap<String, Pending> queued = new LinkedHashMap<>();
    /** Running and retry-pending work by request key. */
    private final Map<String, ReviewRequest> running = new HashMap<>();
    private final Map<String, ReviewRequest> awaitingRetry = new HashMap<>();
    private boolean stopping;

    @Inject
    public BoundedReviewQueue(ReviewQueueSettings settings, Reviewer reviewer) {
        this.settings = settings;
        this.reviewer = reviewer;
        this.journal = new PendingReviewJournal(settings.stateDirOrDefault());
        this.workers = Executors.newFixedThreadPool(settings.workers(), threads("guardrails-review-"));
        this.retries = Executors.newSingleThreadScheduledExecutor(threads("guardrails-review-retry-"));
        recover();
        for (int i = 0; i < settings.workers(); i++) {
            workers.execute(this::work);
        }
    }

    /** Nothing to do: receiving the event makes the server create this bean, which replays the journal. */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
    }

    @Override
    public Submission submit(ReviewRequest request) {
        lock.lock();
        try {
            if (stopping) {
                return Submission.FULL;
            }
            String key = request.key();
            if (running.containsKey(key) || awaitingRetry.containsKey(key)) {
                return Submission.DUPLICATE;
            }
            String pr = prKey(request);
            Pending older = queued.get(pr);
            if (older != null) {
                if (older.request().key().equals(key)) {
                    return Submission.DUPLICATE;
                }
                queued.put(pr, new Pending(request, 0));
                journal.replace(older.request(), request);
                LOG.info("Review of {} superseded by {}", older.request().key(), key);
                return Submission.ACCEPTED;
            }
            if (queued.size() >= settings.queueCapacity()) {
                LOG.warn("Review queue full ({} waiting): refusing {}", queued.size(), key);
                return Submission.FULL;
            }
            queued.put(pr, new Pending(request, 0));
            journal.add(request);
            workAvailable.signal();
            return Submission.ACCEPTED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until nothing is queued, running or waiting to retry. For tests, benchmarks and callers
     * that need to observe completion.
     *
     * @return false when the timeout passed first
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!isIdle()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** False once shutdown has begun: submissions are then refused as {@code FULL}. */
    public boolean accepting() {
        lock.lock();
        try {
            return !stopping;
        } finally {
            lock.unlock();
        }
    }

    /** Requests accepted and not yet finished (queued, running or waiting to retry). */
    public int pending() {
        lock.lock();
        try {
            return queued.size() + running.size() + awaitingRetry.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops intake, waits up to the grace period for running reviews, then interrupts them. Queued,
     * interrupted and retry-pending work stays in the journal.
     */
    @PreDestroy
    @Override
    public void close() {
        lock.lock();
        try {
            if (stopping) {
                return;
            }
            stopping = true;
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
        retries.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Reviews still running after {}: interrupting them; they stay journaled",
                        settings.shutdownGrace());
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            if (journal.size() > 0) {
                LOG.info("Review queue stopped; {} unfinished review(s) left in {} for the next start",
                        journal.size(), journal.file());
            }
        } finally {
            lock.unlock();
        }
    }

    private void recover() {
        List<ReviewRequest> left = journal.load();
        if (left.isEmpty()) {
            return;
        }
        for (ReviewRequest request : left) {
            // Journal order is acceptance order: a later head of the same PR supersedes an earlier one.
            Pending older = queued.put(prKey(request), new Pending(request, 0));
            if (older != null) {
                journal.remove(older.request());
            }
        }
        LOG.info("Recovered {} pending review(s) from {}; re-submitting them", queued.size(), journal.file());
    }

    private void work() {
        while (true) {
            Pending next;
            lock.lock();
            try {
                while (queued.isEmpty() && !stopping) {
                    workAvailable.awaitUninterruptibly();
                }
                if (stopping) {
                    return;
                }
                Iterator<Pending> first = queued.values().iterator();
                next = first.next();
                first.remove();
                running.put(next.request().key(), next.request());
            } finally {
                lock.unlock();
            }
            run(next);
        }
    }

    private void run(Pending pending) {
        ReviewRequest request = pending.request();
        Throwable failure = null;
        try {
            reviewer.review(request);
        } catch (Throwable t) {
            failure = t;
        }
        boolean dropped = false;
        lock.lock();
        try {
            running.remove(request.key());
            if (failure == null) {
                journal.remove(request);
            } else if (stopping) {
                LOG.warn("Review of {} interrupted by shutdown; left in the journal", request.key());
            } else if (pending.failures() < settings.maxRetries()) {
                Duration delay = settings.retryBackoff().multipliedBy(1L << Math.min(pending.failures(), 20));
                LOG.warn("Review of {} (trigger {}) failed, attempt {} of {}; retrying in {}: {}", request.key(),
                        request.trigger(), pending.failures() + 1, settings.maxRetries() + 1, delay, describe(failure));
                awaitingRetry.put(request.key(), request);
                Pending again = new Pending(request, pending.failures() + 1);
                retries.schedule(() -> retry(again), delay.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                LOG.error("Review of {} (trigger {}) failed {} times; dropping it: {}", request.key(),
                        request.trigger(), pending.failures() + 1, describe(failure));
                journal.remove(request);
                dropped = true;
            }
            signalIfIdle();
        } finally {
            lock.unlock();
        }
        if (dropped) {
            // Outside the lock: publishing the failure is an API round trip.
            reviewer.failed(request, describe(failure));
        }
    }

    private void retry(Pending pending) {
        ReviewRequest request = pending.request();
        lock.lock();
        try {
            awaitingRetry.remove(request.key());
            if (stopping) {
                return;
            }
            String pr = prKey(request);
            if (queued.containsKey(pr)) {
                // A newer head arrived while this one waited.
                journal.remove(request);
                signalIfIdle();
                return;
            }
            // Retries bypass the capacity check: the work was accepted already.
            queued.put(pr, pending);
            workAvailable.signal();
        } finally {
            lock.unlock();
        }
    }

    private boolean isIdle() {
        return queued.isEmpty() && running.isEmpty() && awaitingRetry.isEmpty();
    }

    private void signalIfIdle() {
        if (isIdle()) {
            idle.signalAll();
        }
    }

    private static String prKey(ReviewRequest r) {
        // Merge queue groups have no PR number: each group is its own work.
        return r.onPullRequest() ? r.forge() + ":" + r.repository() + "#" + r.number() : r.key();
    }

    /** The failure's type and message with credentials scrubbed; no stack trace, which could carry them too. */
    public static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + scrub(t.getMessage());
        return t.getClass().getSimpleName() + message;
    }

    static String scrub(String text) {
        return TOKENS.matcher(URL_USERINFO.matcher(text).replaceAll("***@")).replaceAll("***");
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
