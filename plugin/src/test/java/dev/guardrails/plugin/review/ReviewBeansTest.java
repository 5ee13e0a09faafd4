package dev.guardrails.plugin.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.plugin.webhook.PullRequestResolver;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review beans wire up from configuration; the reconciler stays off unless repositories are configured. */
class ReviewBeansTest {

    @Test
    void reviewerAndResolverAreBeansAndReconcilerNeedsRepositories() {
        // commit-status is set because GitHubSettings' boolean has no default yet (requested upstream).
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("guardrails.github.token", "t0ken",
                "guardrails.github.commit-status", "false", "guardrails.review.reconcile-interval", "5m"))) {
            assertThat(ctx.getBean(Reviewer.class)).isInstanceOf(ReviewService.class);
            assertThat(ctx.getBean(PullRequestResolver.class)).isInstanceOf(ApiPullRequestResolver.class);
            assertThat(ctx.getBean(ReviewSettings.class).reconcileIntervalOrDefault()).hasMinutes(5);
            assertThat(ctx.containsBean(Reconciler.class)).isFalse();
        }
    }

    @Test
    void commentSettingsBindTheSuggestionKeys() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("guardrails.review.comment.suggestions", "false",
                "guardrails.review.comment.suggestions-timeout", "30s",
                "guardrails.review.comment.max-inline-comments", "5"))) {
            CommentSettings settings = ctx.getBean(CommentSettings.class);
            assertThat(settings.suggest()).isFalse();
            assertThat(settings.suggestionsBudget()).hasSeconds(30);
            assertThat(settings.maxInline()).isEqualTo(5);
        }
        try (ApplicationContext ctx = ApplicationContext.run()) {
            CommentSettings settings = ctx.getBean(CommentSettings.class);
            assertThat(settings.suggest()).isTrue();
            assertThat(settings.suggestionsBudget()).hasMinutes(2);
        }
    }
}
