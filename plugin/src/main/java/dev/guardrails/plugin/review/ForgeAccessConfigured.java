package dev.guardrails.plugin.review;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;

/**
 * True when some forge API credentials are configured (a GitHub token or App, or a GitLab token).
 * Without them nothing can ask the API, so beans that need it are left out and the webhook
 * answers rescan commands with 501 instead of failing later.
 */
public final class ForgeAccessConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        if (!(context.getBeanContext() instanceof PropertyResolver properties)) {
            return false;
        }
        return set(properties, "guardrails.github.token")
                || set(properties, "guardrails.github.app-id")
                || set(properties, "guardrails.gitlab.token");
    }

    private static boolean set(PropertyResolver properties, String name) {
        return properties.getProperty(name, String.class).filter(v -> !v.isBlank()).isPresent();
    }
}
