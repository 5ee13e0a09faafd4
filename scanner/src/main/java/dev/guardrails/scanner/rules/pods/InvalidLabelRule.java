package dev.guardrails.scanner.rules.pods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Label keys and values, and annotation keys, follow the API server's syntax. Schema validation
 * only knows they are strings; this is the check the API server then runs and fails the sync on.
 * Non-string values are left to {@code schema-invalid}.
 */
public final class InvalidLabelRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "label-invalid",
            "Label or annotation key or label value is not valid",
            Category.SCHEMA,
            Severity.HIGH,
            "The API server rejects an object whose label value is longer than 63 characters or "
                    + "contains characters such as spaces, slashes or colons, or whose label or annotation "
                    + "key is malformed, so the whole sync fails; templated values (a version string, a "
                    + "branch name) break this most often.",
            "Keep label values to 63 characters of letters, digits, '-', '_' and '.', starting and ending "
                    + "alphanumeric, and keys to an optional DNS prefix, a slash and such a name.");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        checkMap(object.metadata().path("labels"), "metadata.labels", true, out);
        checkMap(object.metadata().path("annotations"), "metadata.annotations", false, out);
        PodTemplate.of(object).filter(pod -> !"Pod".equals(object.kind())).ifPresent(pod -> {
            checkMap(pod.metadata().path("labels"), FieldPath.key(pod.metadataPath(), "labels"), true, out);
            checkMap(pod.metadata().path("annotations"), FieldPath.key(pod.metadataPath(), "annotations"), false, out);
        });
        return out;
    }

    private static void checkMap(JsonNode map, String path, boolean labels, List<Violation> out) {
        if (!map.isObject()) {
            return;
        }
        String what = labels ? "label" : "annotation";
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String fieldPath = FieldPath.key(path, e.getKey());
            String keyProblem = keyProblem(e.getKey());
            if (keyProblem != null) {
                out.add(new Violation(fieldPath, what + " key '" + e.getKey() + "' " + keyProblem));
                continue;
            }
            JsonNode value = e.getValue();
            if (labels && value.isTextual() && !value.textValue().isEmpty() && !NAME.matcher(value.textValue()).matches()) {
                String v = value.textValue();
                out.add(new Violation(fieldPath, "label " + e.getKey() + " value '" + abbreviate(v) + "' "
                        + (v.length() > 63 ? "is longer than 63 characters" : "is not a valid label value")));
            }
        }
    }

    static String keyProblem(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return "has an invalid prefix (must be a lower-case DNS subdomain)";
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            return "has an invalid name (at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends)";
        }
        return null;
    }

    private static String abbreviate(String v) {
        return v.length() > 70 ? v.substring(0, 67) + "..." : v;
    }
}
