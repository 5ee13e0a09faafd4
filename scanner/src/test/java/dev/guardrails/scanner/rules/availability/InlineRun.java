package dev.guardrails.scanner.rules.availability;

import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rule.RuleSettings;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/** Runs a rule over YAML written inline in a test, for edge-case tables. */
public final class InlineRun {

    private InlineRun() {
    }

    /** Parses {@code yaml} into a bundle and checks every object with the fixture settings. */
    public static List<Violation> check(Rule rule, String yaml) {
        return check(rule, yaml, RuleFixtures.SETTINGS);
    }

    public static List<Violation> check(Rule rule, String yaml, RuleSettings settings) {
        List<ManifestObject> objects = parse(yaml);
        RuleContext context = new RuleContext(new Bundle(objects, "default"), settings);
        List<Violation> out = new ArrayList<>();
        for (ManifestObject object : objects) {
            out.addAll(rule.check(object, context));
        }
        return out;
    }

    /** Paths of the violations, in order. */
    public static List<String> paths(Rule rule, String yaml) {
        return check(rule, yaml).stream().map(Violation::path).toList();
    }

    public static List<ManifestObject> parse(String yaml) {
        try {
            return new ManifestParser().parse(yaml, "inline.yaml");
        } catch (Exception e) {
            throw new AssertionError("inline YAML does not parse: " + e.getMessage(), e);
        }
    }
}
