package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.config.GitHubSettings;
import dev.guardrails.plugin.config.GitLabSettings;
import dev.guardrails.plugin.review.ReviewQueue;
import dev.guardrails.plugin.review.CloneHosts;
import dev.guardrails.plugin.review.Reviewer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Webhook intake for GitHub and GitLab. Each delivery is size-checked, authenticated (cheaply: from
 * headers, or for GitHub while its body streams in within a bounded budget), filtered by event type
 * and action, de-duplicated by delivery id, bound to an event record and, if it asks for a review,
 * submitted to the {@link ReviewQueue}, which answers only once the review is journaled durably; the
 * review itself runs later, so answers come back at once. Bodies are plain text meant for the forge's
 * delivery log.
 */
@Controller("/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);
    /** Seconds a sender should wait when the queue is full or the server is busy. */
    static final String RETRY_AFTER_SECONDS = "30";
    private static final String BODY_READ = "guardrails.webhook.bodyRead";

    private final WebhookSettings settings;
    private final GitHubSettings github;
    private final GitLabSettings gitlab;
    private final GitHubIntake gitHubIntake;
    private final GitLabIntake gitLabIntake;
    private final DeliveryLog deliveries;
    private final ReviewQueue queue;
    private final RescanDispatcher rescans;
    private final UnverifiedBodyBudget budget;
    private final CloneHosts cloneHosts;
    private final io.micronaut.scheduling.TaskScheduler scheduler;
    private final Reviewer reviewer;
    private final AtomicBoolean warnedNoGitHubSecret = new AtomicBoolean();
    private final AtomicBoolean warnedNoGitLabToken = new AtomicBoolean();

    WebhookController(WebhookSettings settings, GitHubSettings github, GitLabSettings gitlab,
                      GitHubIntake gitHubIntake, GitLabIntake gitLabIntake, DeliveryLog deliveries,
                      ReviewQueue queue, RescanDispatcher rescans, UnverifiedBodyBudget budget,
                      CloneHosts cloneHosts, Reviewer reviewer,
                      @jakarta.inject.Named(TaskExecutors.SCHEDULED) io.micronaut.scheduling.TaskScheduler scheduler) {
        this.scheduler = scheduler;
        this.budget = budget;
        this.cloneHosts = cloneHosts;
        this.settings = settings;
        this.github = github;
        this.gitlab = gitlab;
        this.gitHubIntake = gitHubIntake;
        this.gitLabIntake = gitLabIntake;
        this.deliveries = deliveries;
        this.queue = queue;
        this.rescans = rescans;
        this.reviewer = reviewer;
    }

    /**
     * GitHub deliveries: {@code X-Hub-Signature-256}, {@code X-GitHub-Event}, {@code X-GitHub-Delivery}. The
     * signature covers the body, so the body is read (within the unverified-body budget) and hashed as it
     * streams in; a delivery without a well-formed signature header is refused before any of it is read.
     */
    @Post(uri = "/github", consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> github(HttpRequest<?> request) {
        return closeIfUnread(request, receiveGitHub(request));
    }

    private MutableHttpResponse<String> receiveGitHub(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        long declared = request.getContentLength();
        if (declared > settings.maxBodyBytes()) {
            return tooLarge();
        }
        if (github.webhookSecret() == null || github.webhookSecret().isBlank()) {
            warnOnce(warnedNoGitHubSecret, "guardrails.github.webhook-secret (GUARDRAILS_GITHUB_WEBHOOK_SECRET)");
            return text(HttpStatus.UNAUTHORIZED, "invalid signature");
        }
        String signature = headers.get("X-Hub-Signature-256");
        if (!WebhookAuth.looksLikeGitHubSignature(signature)) {
            LOG.debug("GitHub delivery refused: missing or malformed X-Hub-Signature-256");
            return text(HttpStatus.UNAUTHORIZED, "invalid signature");
        }
        DeliveryBody.Read body;
        try (UnverifiedBodyBudget.Lease lease = budget.tryEnter()) {
            if (lease == null) {
                return retryLater(HttpStatus.TOO_MANY_REQUESTS, "too many unverified deliveries in progress, retry later");
            }
            body = readWithDeadline(request, declared, lease, WebhookAuth.hmac(github.webhookSecret()));
            markRead(request, body);
            MutableHttpResponse<String> refused = refusal(body);
            if (refused != null) {
                return refused;
            }
            if (!WebhookAuth.gitHubSignatureMatches(body.mac(), signature)) {
                LOG.debug("GitHub delivery refused: wrong X-Hub-Signature-256");
                return text(HttpStatus.UNAUTHORIZED, "invalid signature");
            }
            String event = headers.get("X-GitHub-Event");
            String delivery = headers.get("X-GitHub-Delivery");
            if (isBlank(event)) {
                return text(HttpStatus.BAD_REQUEST, "missing X-GitHub-Event header");
            }
            if (isBlank(delivery)) {
                return text(HttpStatus.BAD_REQUEST, "missing X-GitHub-Delivery header");
            }
            if (!GitHubIntake.handles(event)) {
                return act(new Outcome.Ignored("event " + event));
            }
            if (isForm(request)) {
                return text(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "set the webhook's content type to application/json");
            }
            return deliver("github:" + delivery,
                    () -> gitHubIntake.handle(event, delivery, Payload.parse(body.buffer(), body.length())));
        }
    }

    /**
     * GitLab deliveries: {@code X-Gitlab-Token}, {@code X-Gitlab-Event}, {@code X-Gitlab-Event-UUID}. The
     * token is a header, so unauthenticated deliveries and event types the bot ignores are answered
     * without reading the body.
     */
    @Post(uri = "/gitlab", consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> gitlab(HttpRequest<?> request) {
        return closeIfUnread(request, receiveGitLab(request));
    }

    private MutableHttpResponse<String> receiveGitLab(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        long declared = request.getContentLength();
        if (declared > settings.maxBodyBytes()) {
            return tooLarge();
        }
        if (gitlab.webhookToken() == null || gitlab.webhookToken().isBlank()) {
            warnOnce(warnedNoGitLabToken, "guardrails.gitlab.webhook-token (GUARDRAILS_GITLAB_WEBHOOK_TOKEN)");
            return text(HttpStatus.UNAUTHORIZED, "invalid token");
        }
        if (!WebhookAuth.gitLabTokenValid(gitlab.webhookToken(), headers.get("X-Gitlab-Token"))) {
            LOG.debug("GitLab delivery refused: missing or wrong X-Gitlab-Token");
            return text(HttpStatus.UNAUTHORIZED, "invalid token");
        }
        String event = headers.get("X-Gitlab-Event");
        if (isBlank(event)) {
            return text(HttpStatus.BAD_REQUEST, "missing X-Gitlab-Event header");
        }
        if (!GitLabIntake.handles(event)) {
            return act(new Outcome.Ignored("event " + event));
        }
        DeliveryBody.Read body = readWithDeadline(request, declared, null, null);
        markRead(request, body);
        MutableHttpResponse<String> refused = refusal(body);
        if (refused != null) {
            return refused;
        }
        String uuid = headers.get("X-Gitlab-Event-UUID");
        // Older GitLab versions send no event UUID: such deliveries are not de-duplicated here, only by
        // the queue's head-commit key.
        String trigger = isBlank(uuid) ? "gitlab-webhook" : uuid;
        return deliver(isBlank(uuid) ? null : "gitlab:" + uuid,
                () -> gitLabIntake.handle(event, trigger, Payload.parse(body.buffer(), body.length())));
    }

    private static java.io.InputStream bodyStream(HttpRequest<?> request) {
        if (request instanceof ServerHttpRequest<?> server) {
            return server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST).toInputStream();
        }
        return java.io.InputStream.nullInputStream();
    }

    /**
     * Reads the body, interrupting the read when it takes longer than {@code body-read-timeout}: a sender
     * trickling its body cannot hold an unverified-body slot for long.
     */
    private DeliveryBody.Read readWithDeadline(HttpRequest<?> request, long declared, UnverifiedBodyBudget.Lease lease,
                                               javax.crypto.Mac mac) {
        Thread reader = Thread.currentThread();
        Object guard = new Object();
        boolean[] state = new boolean[2]; // [0]: read finished, [1]: deadline fired
        java.util.concurrent.ScheduledFuture<?> watchdog = scheduler.schedule(settings.bodyReadTimeout(), () -> {
            synchronized (guard) {
                if (!state[0]) {
                    state[1] = true;
                    reader.interrupt();
                }
            }
        });
        DeliveryBody.Read body;
        try {
            body = DeliveryBody.read(bodyStream(request), declared, settings.maxBodyBytes(), lease, mac);
        } finally {
            synchronized (guard) {
                state[0] = true;
                watchdog.cancel(false);
                Thread.interrupted();
            }
        }
        if (state[1] && body.status() != DeliveryBody.Status.OK) {
            return new DeliveryBody.Read(DeliveryBody.Status.TIMED_OUT, null, 0, null);
        }
        return body;
    }

    private static void markRead(HttpRequest<?> request, DeliveryBody.Read body) {
        if (body.status() == DeliveryBody.Status.OK) {
            request.setAttribute(BODY_READ, Boolean.TRUE);
        }
    }

    /**
     * A refusal sent before the body was read to its end also closes the connection: the sender sees the
     * answer and stops, and the server neither reads nor holds the rest.
     */
    private static HttpResponse<String> closeIfUnread(HttpRequest<?> request, MutableHttpResponse<String> response) {
        if (!request.getAttribute(BODY_READ, Boolean.class).orElse(false) && request.getContentLength() != 0) {
            response.header(HttpHeaders.CONNECTION, "close");
        }
        return response;
    }

    /** The answer for a body that could not be read, or null when it was read whole. */
    private MutableHttpResponse<String> refusal(DeliveryBody.Read body) {
        return switch (body.status()) {
            case OK -> null;
            case TOO_LARGE -> tooLarge();
            case NO_BUDGET -> retryLater(HttpStatus.SERVICE_UNAVAILABLE,
                    "too many unverified delivery bytes in progress, retry later");
            case BROKEN -> text(HttpStatus.BAD_REQUEST, "incomplete body");
            case TIMED_OUT -> text(HttpStatus.REQUEST_TIMEOUT, "body not received within " + settings.bodyReadTimeout()
                    .toSeconds() + " s (guardrails.webhook.body-read-timeout)");
        };
    }

    private interface Intake {
        Outcome run() throws PayloadException;
    }

    /** Claims the delivery id, acts on the outcome, and releases the claim unless the delivery was handled. */
    private MutableHttpResponse<String> deliver(@Nullable String deliveryKey, Intake intake) {
        if (deliveryKey != null && !deliveries.claim(deliveryKey)) {
            return text(HttpStatus.OK, "duplicate delivery");
        }
        MutableHttpResponse<String> response;
        try {
            response = act(intake.run());
        } catch (PayloadException e) {
            response = text(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            if (deliveryKey != null) {
                deliveries.release(deliveryKey);
            }
            throw e;
        }
        if (deliveryKey != null && response.code() >= 300) {
            deliveries.release(deliveryKey);
        }
        return response;
    }

    private MutableHttpResponse<String> act(Outcome outcome) {
        if (outcome instanceof Outcome.Pong) {
            return text(HttpStatus.OK, "pong");
        }
        if (outcome instanceof Outcome.Ignored ignored) {
            return text(HttpStatus.ACCEPTED, "ignored: " + ignored.reason());
        }
        if (outcome instanceof Outcome.Cancel cancel) {
            int dropped = queue.cancel(cancel.forge(), cancel.repository(), cancel.number());
            return text(HttpStatus.ACCEPTED, "ignored: " + cancel.reason()
                    + (dropped > 0 ? "; cancelled " + dropped + " pending review(s)" : ""));
        }
        if (outcome instanceof Outcome.Review review) {
            String key = review.request().key();
            String refused = cloneHosts.refusal(review.request());
            if (refused != null) {
                LOG.warn("Delivery refused: {}", refused);
                return text(HttpStatus.UNPROCESSABLE_ENTITY, refused);
            }
            return switch (queue.submit(review.request())) {
                case ACCEPTED -> {
                    reviewer.accepted(review.request());
                    yield text(HttpStatus.ACCEPTED, "review queued: " + key);
                }
                case DUPLICATE -> text(HttpStatus.ACCEPTED, "review already queued: " + key);
                case FULL -> retryLater(HttpStatus.SERVICE_UNAVAILABLE, "review queue is full, retry later");
                case UNAVAILABLE -> retryLater(HttpStatus.SERVICE_UNAVAILABLE,
                        "cannot store the review durably right now, retry later");
            };
        }
        Outcome.Rescan rescan = (Outcome.Rescan) outcome;
        if (!rescans.available()) {
            return text(HttpStatus.NOT_IMPLEMENTED, "rescan needs API access");
        }
        rescans.dispatch(rescan.target());
        return text(HttpStatus.ACCEPTED, "rescan queued");
    }

    private MutableHttpResponse<String> tooLarge() {
        return text(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                "payload too large: limit is " + settings.maxBodyBytes() + " bytes (guardrails.webhook.max-body-bytes)");
    }

    private static MutableHttpResponse<String> retryLater(HttpStatus status, String message) {
        return HttpResponse.<String>status(status)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body(message);
    }

    private static MutableHttpResponse<String> text(HttpStatus status, String body) {
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_PLAIN_TYPE).body(body);
    }

    private static boolean isForm(HttpRequest<?> request) {
        return request.getContentType().map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).orElse(false);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static void warnOnce(AtomicBoolean flag, String setting) {
        if (flag.compareAndSet(false, true)) {
            LOG.warn("Refusing webhook deliveries: {} is not set, and unsigned deliveries are never accepted", setting);
        }
    }
}
