package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.config.GitHubSettings;
import dev.guardrails.plugin.config.GitLabSettings;
import dev.guardrails.plugin.review.ReviewQueue;
import dev.guardrails.plugin.review.Reviewer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Webhook intake for GitHub and GitLab. Each delivery is size-checked, authenticated against the raw
 * body, de-duplicated by delivery id, bound to an event record and, if it asks for a review,
 * submitted to the {@link ReviewQueue}; the review itself runs later, so answers come back at once.
 * Bodies are plain text meant for the forge's delivery log.
 */
@Controller("/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);
    /** Seconds a sender should wait when the queue is full. */
    static final String RETRY_AFTER_SECONDS = "30";

    private final WebhookSettings settings;
    private final GitHubSettings github;
    private final GitLabSettings gitlab;
    private final GitHubIntake gitHubIntake;
    private final GitLabIntake gitLabIntake;
    private final DeliveryLog deliveries;
    private final ReviewQueue queue;
    private final RescanDispatcher rescans;
    private final Reviewer reviewer;
    private final AtomicBoolean warnedNoGitHubSecret = new AtomicBoolean();
    private final AtomicBoolean warnedNoGitLabToken = new AtomicBoolean();

    WebhookController(WebhookSettings settings, GitHubSettings github, GitLabSettings gitlab,
                      GitHubIntake gitHubIntake, GitLabIntake gitLabIntake, DeliveryLog deliveries,
                      ReviewQueue queue, RescanDispatcher rescans, Reviewer reviewer) {
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

    /** GitHub deliveries: {@code X-Hub-Signature-256}, {@code X-GitHub-Event}, {@code X-GitHub-Delivery}. */
    @Post(uri = "/github", consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> github(HttpRequest<?> request, @Nullable @Body byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        HttpHeaders headers = request.getHeaders();
        if (raw.length > settings.maxBodyBytes()) {
            return tooLarge();
        }
        if (github.webhookSecret() == null || github.webhookSecret().isBlank()) {
            warnOnce(warnedNoGitHubSecret, "guardrails.github.webhook-secret (GUARDRAILS_GITHUB_WEBHOOK_SECRET)");
            return text(HttpStatus.UNAUTHORIZED, "invalid signature");
        }
        if (!WebhookAuth.gitHubSignatureValid(github.webhookSecret(), raw, headers.get("X-Hub-Signature-256"))) {
            LOG.debug("GitHub delivery refused: missing or wrong X-Hub-Signature-256");
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
        if (isForm(request)) {
            return text(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "set the webhook's content type to application/json");
        }
        return deliver("github:" + delivery, () -> gitHubIntake.handle(event, delivery, Payload.parse(raw)));
    }

    /** GitLab deliveries: {@code X-Gitlab-Token}, {@code X-Gitlab-Event}, {@code X-Gitlab-Event-UUID}. */
    @Post(uri = "/gitlab", consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> gitlab(HttpRequest<?> request, @Nullable @Body byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        HttpHeaders headers = request.getHeaders();
        if (raw.length > settings.maxBodyBytes()) {
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
        String uuid = headers.get("X-Gitlab-Event-UUID");
        // Older GitLab versions send no event UUID: such deliveries are not de-duplicated here, only by
        // the queue's head-commit key.
        String trigger = isBlank(uuid) ? "gitlab-webhook" : uuid;
        return deliver(isBlank(uuid) ? null : "gitlab:" + uuid, () -> gitLabIntake.handle(event, trigger, Payload.parse(raw)));
    }

    private interface Intake {
        Outcome run() throws PayloadException;
    }

    /** Claims the delivery id, acts on the outcome, and releases the claim unless the delivery was handled. */
    private HttpResponse<String> deliver(@Nullable String deliveryKey, Intake intake) {
        if (deliveryKey != null && !deliveries.claim(deliveryKey)) {
            return text(HttpStatus.OK, "duplicate delivery");
        }
        HttpResponse<String> response;
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

    private HttpResponse<String> act(Outcome outcome) {
        if (outcome instanceof Outcome.Pong) {
            return text(HttpStatus.OK, "pong");
        }
        if (outcome instanceof Outcome.Ignored ignored) {
            return text(HttpStatus.ACCEPTED, "ignored: " + ignored.reason());
        }
        if (outcome instanceof Outcome.Review review) {
            String key = review.request().key();
            return switch (queue.submit(review.request())) {
                case ACCEPTED -> {
                    reviewer.accepted(review.request());
                    yield text(HttpStatus.ACCEPTED, "review queued: " + key);
                }
                case DUPLICATE -> text(HttpStatus.ACCEPTED, "review already queued: " + key);
                case FULL -> queueFull();
            };
        }
        Outcome.Rescan rescan = (Outcome.Rescan) outcome;
        if (!rescans.available()) {
            return text(HttpStatus.NOT_IMPLEMENTED, "rescan needs API access");
        }
        rescans.dispatch(rescan.target());
        return text(HttpStatus.ACCEPTED, "rescan queued");
    }

    private HttpResponse<String> tooLarge() {
        return text(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                "payload too large: limit is " + settings.maxBodyBytes() + " bytes");
    }

    private static HttpResponse<String> queueFull() {
        return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body("review queue is full, retry later");
    }

    private static HttpResponse<String> text(HttpStatus status, String body) {
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
