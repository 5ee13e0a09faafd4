package dev.guardrails.scanner.rules.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A Secret with values committed to Git. Messages name keys only: a finding must never copy a
 * secret value into a report, PR comment or log. Values the renderer generates anew on every
 * render (a chart's {@code randAlphaNum} password, {@code genSelfSignedCert} certificate) are not
 * in Git: the engine renders such charts twice and marks what differs, and those keys are skipped.
 */
public final class PlaintextSecretRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "plaintext-secret",
            "Secret values are stored in Git",
            Category.SECRETS,
            Severity.HIGH,
            "Secret data in a Git repository is only base64-encoded: everyone with read access, "
                    + "every clone and every CI log can read it, and it stays in history after removal.",
            "Move the values to a secret manager and commit a SealedSecret, an ExternalSecret or a "
                    + "SOPS-encrypted file instead, then rotate the exposed credentials.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        if (!"Secret".equals(object.kind()) || !object.apiVersion().equals("v1")
                || object.raw().has("sops")) {
            // A top-level sops block means the values are encrypted (SOPS/KSOPS).
            return out;
        }
        for (String field : List.of("data", "stringData")) {
            List<String> keys = keysWithValues(object.at(field)).stream()
                    .filter(key -> !object.isVolatile(FieldPath.key(field, key))).toList();
            if (!keys.isEmpty()) {
                out.add(new Violation(field, "Secret \"" + object.name() + "\" has plaintext " + field
                        + " for key" + (keys.size() == 1 ? " " : "s ") + String.join(", ", keys)));
            }
        }
        return out;
    }

    /** Keys whose value is not empty; an empty value is a placeholder, not a leak. */
    private static List<String> keysWithValues(JsonNode map) {
        List<String> keys = new ArrayList<>();
        if (map.isObject()) {
            map.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (!v.isNull() && !(v.isTextual() && v.asText().isEmpty())) {
                    keys.add(e.getKey());
                }
            });
        }
        return keys;
    }
}
