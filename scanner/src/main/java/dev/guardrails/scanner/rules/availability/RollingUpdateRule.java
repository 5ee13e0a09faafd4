package dev.guardrails.scanner.rules.availability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Deployment's update strategy keeps some replicas serving during a rollout. */
public final class RollingUpdateRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "rolling-update-unsafe",
            "Deployment update strategy can take every replica down",
            Category.AVAILABILITY,
            Severity.MEDIUM,
            "A rollout that may stop all replicas at once (Recreate, or maxUnavailable covering "
                    + "every replica) is an outage on each deploy; maxSurge and maxUnavailable both 0 "
                    + "is rejected by the API server.",
            "Use strategy RollingUpdate with maxUnavailable below the replica count (e.g. 25% or "
                    + "1) and maxSurge above 0 if maxUnavailable is 0.");

    private static final Pattern PERCENT = Pattern.compile("(\\d+)%");
    private static final String ROLLING = "spec.strategy.rollingUpdate";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!"Deployment".equals(object.kind())) {
            return List.of();
        }
        int replicas = Workloads.minimumReplicas(object, context.bundle());
        String name = "Deployment \"" + object.name() + "\"";
        String type = object.at("spec.strategy.type").asText("RollingUpdate");
        if ("Recreate".equals(type)) {
            return replicas > 1
                    ? List.of(new Violation("spec.strategy.type", name + " uses the Recreate strategy with "
                            + replicas + " replicas, so every rollout stops all of them"))
                    : List.of();
        }
        JsonNode rolling = object.at(ROLLING);
        JsonNode maxUnavailable = rolling.path("maxUnavailable");
        JsonNode maxSurge = rolling.path("maxSurge");
        if (isZero(maxUnavailable) && isZero(maxSurge)) {
            return List.of(new Violation(ROLLING + ".maxUnavailable",
                    name + " sets maxSurge and maxUnavailable both to 0, which the API server rejects"));
        }
        if (replicas < 1 || maxUnavailable.isMissingNode()) {
            return List.of();
        }
        // Kubernetes rounds a percentage of maxUnavailable down.
        OptionalInt unavailable = resolve(maxUnavailable, replicas);
        if (unavailable.isPresent() && unavailable.getAsInt() >= replicas) {
            return List.of(new Violation(ROLLING + ".maxUnavailable", name + " allows maxUnavailable "
                    + maxUnavailable.asText() + " of " + replicas + " replicas, so a rollout may stop all of them"));
        }
        return List.of();
    }

    /** An IntOrString value resolved against the replica count, rounding down; empty if unparsable. */
    static OptionalInt resolve(JsonNode value, int replicas) {
        if (value.isIntegralNumber()) {
            return OptionalInt.of(value.intValue());
        }
        Matcher m = PERCENT.matcher(value.asText("").trim());
        if (value.isTextual() && m.matches()) {
            return OptionalInt.of((int) ((long) replicas * Integer.parseInt(m.group(1)) / 100));
        }
        return OptionalInt.empty();
    }

    /** Zero as the API server validates it: the integer 0 or {@code 0%}. */
    private static boolean isZero(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.intValue() == 0;
        }
        Matcher m = PERCENT.matcher(value.asText("").trim());
        return value.isTextual() && m.matches() && Integer.parseInt(m.group(1)) == 0;
    }
}
