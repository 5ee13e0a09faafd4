package dev.guardrails.scanner.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A granted exception to one rule for the objects a selector matches. Every exemption names who
 * owns it, why it exists and when it ends; an expired one no longer applies and is reported.
 *
 * @param rule     rule id, or {@code *} for every rule
 * @param selector which objects it covers
 * @param owner    team or person accountable for it
 * @param reason   why the rule cannot be met, ideally with a ticket
 * @param expires  last day it applies (inclusive)
 * @param source   where it was declared, e.g. {@code .guardrails.yaml:42}
 */
public record Exemption(String rule, ObjectSelector selector, String owner, String reason,
                        LocalDate expires, String source) {

    public Exemption {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expires, "expires");
        source = source == null ? "" : source;
    }

    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }

    public boolean covers(String ruleId, String app, ObjectRef object) {
        return (rule.equals("*") || rule.equals(ruleId)) && selector.matches(app, object);
    }
}
