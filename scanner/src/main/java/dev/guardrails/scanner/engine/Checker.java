package dev.guardrails.scanner.engine;

import dev.guardrails.scanner.exemption.InlineExemptions;
import dev.guardrails.scanner.model.Exemption;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.RuleSettings;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.cel.CelCheck;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs rules over one app's bundle and turns violations into findings: each gets the mode its
 * profile gives the rule (rules in OFF mode do not run) and, if a live exemption covers it, that
 * exemption. Expired exemptions do not apply.
 */
public final class Checker {

    private final List<Rule> rules;

    public Checker(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** A checker that runs these rules, then {@code more} (e.g. a repo's custom rules). */
    public Checker plus(List<? extends Rule> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(more);
        return new Checker(all);
    }

    public List<Finding> check(String app, Bundle bundle, RuleSettings settings, Function<RuleInfo, Mode> modes,
                               List<Exemption> exemptions, LocalDate today) {
        return check(app, bundle, settings, modes, exemptions, true, today);
    }

    /**
     * @param inlineAllowed whether {@code guardrails.dev/exempt.<rule>} annotations apply (see
     *                      {@link InlineExemptions}); refused or malformed ones become
     *                      {@code exemption-invalid} findings, expired ones {@code exemption-expired}
     */
    public List<Finding> check(String app, Bundle bundle, RuleSettings settings, Function<RuleInfo, Mode> modes,
                               List<Exemption> exemptions, boolean inlineAllowed, LocalDate today) {
        return check(app, bundle, settings, modes, exemptions, inlineAllowed, today, Deadline.none());
    }

    /**
     * @param deadline tested before each rule runs on each object (CEL included)
     * @throws Deadline.Exceeded when it passes
     */
    public List<Finding> check(String app, Bundle bundle, RuleSettings settings, Function<RuleInfo, Mode> modes,
                               List<Exemption> exemptions, boolean inlineAllowed, LocalDate today, Deadline deadline) {
        RuleContext context = new RuleContext(bundle, settings);
        List<Finding> findings = new ArrayList<>();
        Map<ManifestObject, List<Exemption>> inline = inline(app, bundle, modes, inlineAllowed, today, findings);
        for (Rule rule : rules) {
            Mode mode = modes.apply(rule.info());
            if (mode == Mode.OFF) {
                continue;
            }
            for (ManifestObject object : bundle.objects()) {
                deadline.check();
                List<Violation> violations;
                try {
                    // Custom CEL rules also see the app name; the Rule SPI has no place for it.
                    violations = rule instanceof CelCheck cel ? cel.check(object, context, app) : rule.check(object, context);
                } catch (RuntimeException e) {
                    // A rule bug must not hide other findings; surface it as a finding of that rule.
                    violations = List.of(new Violation("", "rule failed on this object: " + e));
                }
                List<Exemption> applicable = exemptions;
                List<Exemption> own = inline.get(object);
                if (own != null) {
                    applicable = new ArrayList<>(own); // the object's own word first, then the policy file
                    applicable.addAll(exemptions);
                }
                for (Violation v : violations) {
                    findings.add(exempt(finding(rule.info(), mode, app, bundle, object, v), applicable, today));
                }
            }
        }
        return findings;
    }

    /** Reads every object's exemption annotations; reports malformed, refused and expired ones. */
    private Map<ManifestObject, List<Exemption>> inline(String app, Bundle bundle, Function<RuleInfo, Mode> modes,
                                                        boolean allowed, LocalDate today, List<Finding> findings) {
        Set<String> known = new HashSet<>();
        rules.forEach(r -> known.add(r.id()));
        PlatformRules.all().forEach(r -> known.add(r.id()));
        Map<ManifestObject, List<Exemption>> out = new IdentityHashMap<>();
        for (ManifestObject object : bundle.objects()) {
            InlineExemptions.Result result = InlineExemptions.read(object, app, bundle.placedRef(object), known, allowed);
            for (InlineExemptions.Problem p : result.problems()) {
                report(PlatformRules.EXEMPTION_INVALID, modes, app, bundle, object, new Violation(p.path(), p.message()),
                        findings);
            }
            List<Exemption> live = new ArrayList<>();
            for (InlineExemptions.Found f : result.exemptions()) {
                if (f.exemption().expiredOn(today)) {
                    report(PlatformRules.EXEMPTION_EXPIRED, modes, app, bundle, object, new Violation(f.path(),
                            "inline exemption for " + f.exemption().rule() + " (owner " + f.exemption().owner()
                                    + ") expired on " + f.exemption().expires()), findings);
                } else {
                    live.add(f.exemption());
                }
            }
            if (!live.isEmpty()) {
                out.put(object, live);
            }
        }
        return out;
    }

    private static void report(RuleInfo info, Function<RuleInfo, Mode> modes, String app, Bundle bundle,
                               ManifestObject object, Violation v, List<Finding> findings) {
        Mode mode = modes.apply(info);
        if (mode != Mode.OFF) {
            findings.add(finding(info, mode, app, bundle, object, v));
        }
    }

    static Finding finding(RuleInfo info, Mode mode, String app, Bundle bundle, ManifestObject object, Violation v) {
        ObjectRef ref = bundle.placedRef(object);
        if (object.isVolatile("metadata.name")) {
            // A name the renderer generates anew each time (web-test-x7k2q) is shown and identified
            // by the part every render shares (web-test-*), so the finding keeps its identity.
            ref = new ObjectRef(ref.apiVersion(), ref.kind(), ref.namespace(), object.identity().name());
        }
        return new Finding(info.id(), info.title(), info.category(), info.severity(), mode, app, ref,
                object.locate(v.path()), v.path(), v.message(), info.remediation(), null);
    }

    /** Attaches the first live exemption covering the finding, if any. */
    public static Finding exempt(Finding finding, List<Exemption> exemptions, LocalDate today) {
        for (Exemption e : exemptions) {
            if (!e.expiredOn(today) && e.covers(finding.ruleId(), finding.app(), finding.object())) {
                return finding.withExemption(e);
            }
        }
        return finding;
    }
}
