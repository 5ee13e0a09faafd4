package dev.guardrails.scanner.rules.pods;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/** A pod overrides name resolution through {@code hostAliases} (/etc/hosts entries). */
public final class HostAliasesRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "host-aliases",
            "Pod pins host names in /etc/hosts",
            Category.HARDENING,
            Severity.LOW,
            "hostAliases hard-code IP addresses that bypass cluster DNS: when the address moves the "
                    + "pod keeps calling the old one, and the entries can silently redirect a trusted "
                    + "name to another server.",
            "Remove spec.hostAliases and publish the name in DNS, or use a Service of type "
                    + "ExternalName or one without a selector plus an EndpointSlice.").withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            if (pod.spec().path("hostAliases").isArray() && !pod.spec().path("hostAliases").isEmpty()) {
                out.add(new Violation(pod.field("hostAliases"), object.kind() + " \"" + object.name()
                        + "\" sets hostAliases"));
            }
        });
        return out;
    }
}
