package dev.guardrails.plugin.review;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import dev.guardrails.plugin.forge.ForgeApiException;
import dev.guardrails.plugin.ops.JsonLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

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
 *   <li>{@code ACCEPTED} is answered only once the request is journaled durably; when the journal cannot
 *       be written (disk full) the submission is refused as {@code UNAVAILABLE}, so the sender retries.</li>
 *   <li>Each attempt is time-boxed ({@code guardrails.review.timeout}) and counted in the journal before it
 *       starts, so a review that crashes the process is not replayed forever after restarts.</li>
 *   <li>Only transient failures (5xx, 429, I/O, time-outs, unexpected errors) are retried,
 *       {@code max-retries} times with doubling backoff; permanent ones (401/403/404/422) are not. A review
 *       given up is reported to every {@link ReviewFailureListener}.</li>
 *   <li>A closed pull request's queued and retry-pending reviews are cancelled.</li>
 *   <li>The submitter's request id ({@code X-Request-Id}, in the MDC) is kept with the request and set in
 *       the MDC of every log line the review writes.</li>
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

    /** Queued work: {@code attempts} already started (persisted), the request id it came with. */
    private record Pending(ReviewRequest request, int attempts, String requestId) {
    }

    private final ReviewQueueSettings settings;
    private final Reviewer reviewer;
    private final PendingReviewJournal journal;
    private final ExecutorService workers;
    private final ExecutorService attempts;
    private final ScheduledExecutorService retries;
    private final List<ReviewFailureListener> failureListeners;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final Condition idle = lock.newCondition();
    /** Waiting work by PR (forge, repository, number), in arrival order. */
    private final LinkedHashMap<String, Pending> queued = new LinkedHashMap<>();
    /** Running and retry-pending work by request key. */
    private final Map<String, ReviewRequest> running = new HashMap<>();
    private final Map<String, ReviewRequest> awaitingRetry = new HashMap<>();
    /** PRs closed while work for them was running or waiting to retry: that work is not retried. */
    private final Set<String> cancelled = new HashSet<>();
    private boolean stopping;
    /** Reviews given up whose failure listeners are still being called: the queue is not idle before they are told. */
    private int reporting;

    public BoundedReviewQueue(ReviewQueueSettings settings, Reviewer reviewer) {
        this(settings, reviewer, new FsyncJournalStore(), List.of());
    }

    @Inject
    public BoundedReviewQueue(ReviewQueueSettings settings, Reviewer reviewer, JournalStore store,
                              List<ReviewFailureListener> failureListeners) {
        this.settings = settings;
        this.reviewer = reviewer;
        this.failureListeners = List.copyOf(failureListeners);
        this.journal = new PendingReviewJournal(settings.stateDirOrDefault(), store);
        this.workers = Executors.newFixedThreadPool(settings.workers(), threads("guardrails-review-"));
        // Attempts run apart from the workers so that a worker can stop waiting for one that overruns its time.
        this.attempts = Executors.newCachedThreadPool(threads("guardrails-review-attempt-"));
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
            String requestId = MDC.get(JsonLayout.REQUEST_ID);
            Pending older = queued.get(pr);
            if (older != null) {
                if (older.request().key().equals(key)) {
                    return Submission.DUPLICATE;
                }
                try {
                    journal.replace(older.request(), request, requestId);
                } catch (IOException e) {
                    return unavailable(key, e);
                }
                queued.put(pr, new Pending(request, 0, requestId));
                LOG.info("Review of {} superseded by {}", older.request().key(), key);
                return Submission.ACCEPTED;
            }
            if (queued.size() >= settings.queueCapacity()) {
                LOG.warn("Review queue full ({} waiting): refusing {}", queued.size(), key);
                return Submission.FULL;
            }
            try {
                journal.add(request, requestId);
            } catch (IOException e) {
                return unavailable(key, e);
            }
            cancelled.remove(pr);
            queued.put(pr, new Pending(request, 0, requestId));
            workAvailable.signal();
            return Submission.ACCEPTED;
        } finally {
            lock.unlock();
        }
    }

    private Submission unavailable(String key, IOException e) {
        LOG.error("Cannot journal {} durably ({}): refusing it so the sender retries", key, describe(e));
        return Submission.UNAVAILABLE;
    }

    @Override
    public int cancel(Forge forge, String repository, int number) {
        String pr = forge + ":" + repository + "#" + number;
        int dropped = 0;
        List<ReviewRequest> forget = new ArrayList<>();
        lock.lock();
        try {
            Pending waiting = queued.remove(pr);
            if (waiting != null) {
                forget.add(waiting.request());
            }
            for (ReviewRequest r : awaitingRetry.values()) {
                if (prKey(r).equals(pr)) {
                    cancelled.add(pr);
                    dropped++;
                }
            }
            for (ReviewRequest r : running.values()) {
                if (prKey(r).equals(pr)) {
                    cancelled.add(pr);
                }
            }
            for (ReviewRequest r : forget) {
                journal.remove(r);
            }
            dropped += forget.size();
            signalIfIdle();
        } finally {
            lock.unlock();
        }
        if (dropped > 0) {
            LOG.info("{} closed: {} pending review(s) cancelled", pr, dropped);
        }
        return dropped;
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
        attempts.shutdown();
        try {
            if (!workers.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Reviews still running after {}: interrupting them; they stay journaled",
                        settings.shutdownGrace());
                workers.shutdownNow();
                attempts.shutdownNow();
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
        List<PendingReviewJournal.Entry> left = journal.load();
        if (left.isEmpty()) {
            return;
        }
        List<PendingReviewJournal.Entry> exhausted = new ArrayList<>();
        for (PendingReviewJournal.Entry entry : left) {
            if (entry.attempts() >= maxAttempts()) {
                // Started that often and never finished: it crashed or hung the process each time.
                exhausted.add(entry);
                continue;
            }
            ReviewRequest request = entry.request();
            // Journal order is acceptance order: a later head of the same PR supersedes an earlier one.
            Pending older = queued.put(prKey(request), new Pending(request, entry.attempts(), entry.requestId()));
            if (older != null) {
                journal.remove(older.request());
            }
        }
        for (PendingReviewJournal.Entry entry : exhausted) {
            journal.remove(entry.request());
        }
        LOG.info("Recovered {} pending review(s) from {}; re-submitting them", queued.size(), journal.file());
        for (PendingReviewJournal.Entry entry : exhausted) {
            giveUp(entry.request(), entry.requestId(), "the review was started " + entry.attempts()
                    + " times and never finished (the server stopped or crashed during it)");
        }
    }

    private int maxAttempts() {
        return settings.maxRetries() + 1;
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
                try {
                    // Counted before it starts: if this attempt takes the process down, the restart knows.
                    journal.attempt(next.request(), next.attempts() + 1);
                } catch (IOException e) {
                    LOG.warn("Cannot record the attempt of {} in the journal: {}", next.request().key(), describe(e));
                }
            } finally {
                lock.unlock();
            }
            run(next);
        }
    }

    private void run(Pending pending) {
        ReviewRequest request = pending.request();
        Map<String, String> previous = MDC.getCopyOfContextMap();
        if (pending.requestId() != null) {
            MDC.put(JsonLayout.REQUEST_ID, pending.requestId());
        }
        try {
            finish(pending, attempt(pending));
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    /** Runs one time-boxed attempt; the failure, or null on success. */
    private Throwable attempt(Pending pending) {
        ReviewRequest request = pending.request();
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        Future<?> future;
        try {
            future = attempts.submit(() -> {
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                try {
                    reviewer.review(request);
                    return null;
                } finally {
                    MDC.clear();
                }
            });
        } catch (RejectedExecutionException e) {
            return e;
        }
        try {
            future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            future.cancel(true);
            return new TimeoutException("the review took longer than guardrails.review.timeout (" + settings.timeout()
                    + ") and was interrupted");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return e;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void finish(Pending pending, Throwable failure) {
        ReviewRequest request = pending.request();
        int attempt = pending.attempts() + 1;
        String pr = prKey(request);
        String gaveUp = null;
        lock.lock();
        try {
            running.remove(request.key());
            if (failure == null) {
                journal.remove(request);
            } else if (stopping) {
                LOG.warn("Review of {} interrupted by shutdown; left in the journal", request.key());
                try {
                    // Not the review's fault: the next start gets the attempt back.
                    journal.attempt(request, pending.attempts());
                } catch (IOException e) {
                    LOG.warn("Cannot update the journal for {}: {}", request.key(), describe(e));
                }
            } else if (cancelled.contains(pr)) {
                LOG.info("Review of {} failed after its pull request was closed; not retried", request.key());
                journal.remove(request);
            } else if (!transientFailure(failure)) {
                LOG.error("Review of {} (trigger {}) failed permanently; not retrying: {}", request.key(),
                        request.trigger(), describe(failure));
                journal.remove(request);
                gaveUp = describe(failure);
            } else if (attempt < maxAttempts()) {
                Duration delay = settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
                LOG.warn("Review of {} (trigger {}) failed, attempt {} of {}; retrying in {}: {}", request.key(),
                        request.trigger(), attempt, maxAttempts(), delay, describe(failure));
                awaitingRetry.put(request.key(), request);
                Pending again = new Pending(request, attempt, pending.requestId());
                Map<String, String> mdc = MDC.getCopyOfContextMap();
                retries.schedule(() -> {
                    if (mdc != null) {
                        MDC.setContextMap(mdc);
                    }
                    try {
                        retry(again);
                    } finally {
                        MDC.clear();
                    }
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                LOG.error("Review of {} (trigger {}) failed {} times; dropping it: {}", request.key(),
                        request.trigger(), attempt, describe(failure));
                journal.remove(request);
                gaveUp = "failed " + attempt + " times, last: " + describe(failure);
            }
            if (gaveUp != null) {
                reporting++;
            }
            signalIfIdle();
        } finally {
            lock.unlock();
        }
        if (gaveUp != null) {
            try {
                notifyListeners(request, gaveUp);
            } finally {
                lock.lock();
                try {
                    reporting--;
                    signalIfIdle();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void giveUp(ReviewRequest request, String requestId, String reason) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        if (requestId != null) {
            MDC.put(JsonLayout.REQUEST_ID, requestId);
        }
        try {
            LOG.error("Review of {} (trigger {}) dropped: {}", request.key(), request.trigger(), reason);
            notifyListeners(request, reason);
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    private void notifyListeners(ReviewRequest request, String reason) {
        try {
            // The PR shows it: a failed check run or status and a comment with how to re-run.
            reviewer.failed(request, reason);
        } catch (RuntimeException e) {
            LOG.warn("Could not publish the failed review of {}: {}", request.key(), describe(e));
        }
        for (ReviewFailureListener listener : failureListeners) {
            try {
                listener.reviewFailedPermanently(request, reason);
            } catch (RuntimeException e) {
                LOG.warn("Could not report the failed review of {}: {}", request.key(), describe(e));
            }
        }
    }

    /**
     * Whether retrying may help: forge 5xx/429/no response, I/O and time-outs, and unexpected errors
     * (bounded by the attempt limit); not 4xx answers such as 401/403/404/422 or refused requests.
     */
    static boolean transientFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PermanentReviewException) {
                return false;
            }
            if (t instanceof ForgeApiException api) {
                int status = api.status();
                return status == 0 || status == 429 || status >= 500;
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return true;
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
            if (queued.containsKey(pr) || cancelled.contains(pr)) {
                // A newer head arrived while this one waited, or the PR was closed.
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
        return queued.isEmpty() && running.isEmpty() && awaitingRetry.isEmpty() && reporting == 0;
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
