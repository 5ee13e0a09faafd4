package dev.guardrails.scanner.rule;

import dev.guardrails.scanner.model.ManifestObject;
import java.util.List;

/**
 * A guardrail. Implementations are stateless and immutable: one instance checks every object of
 * every app, possibly from several threads at once.
 *
 * <p>{@link #check} sees one object at a time; cross-object rules (a PodDisruptionBudget for a
 * Deployment, a NetworkPolicy per namespace) look the rest up in {@link RuleContext#bundle()}.
 */
public interface Rule {

    RuleInfo info();

    /** Violations in {@code object}; an empty list when it passes or the rule does not apply. */
    List<Violation> check(ManifestObject object, RuleContext context);

    default String id() {
        return info().id();
    }
}
