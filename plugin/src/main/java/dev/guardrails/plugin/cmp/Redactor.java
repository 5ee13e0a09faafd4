package dev.guardrails.plugin.cmp;

import dev.guardrails.scanner.model.ManifestObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps secret values out of stderr and annotations: Argo CD shows a failing plugin's stderr in the
 * UI to anyone who can read the Application. Removes the values of rendered Secrets
 * ({@code data}, decoded and encoded, and {@code stringData}) and helm parameters whose name looks
 * sensitive.
 */
final class Redactor {

    static final String MASK = "***";
    private static final int MIN_LENGTH = 4;
    private static final Pattern SENSITIVE_NAME =
            Pattern.compile("(?i).*(password|passwd|secret|token|key|credential|auth|cert).*");

    private final List<String> values;

    private Redactor(Set<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no partial leaks
        this.values = List.copyOf(sorted);
    }

    static Redactor of(List<ManifestObject> objects, Map<String, String> helmParameters) {
        Set<String> values = new LinkedHashSet<>();
        for (ManifestObject o : objects) {
            if (o.kind().equals("Secret")) {
                o.raw().path("data").fields().forEachRemaining(e -> {
                    add(values, e.getValue().asText());
                    try {
                        add(values, new String(Base64.getMimeDecoder().decode(e.getValue().asText()),
                                StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException notBase64) {
                        // kept the encoded form only
                    }
                });
                o.raw().path("stringData").fields().forEachRemaining(e -> add(values, e.getValue().asText()));
            }
        }
        helmParameters.forEach((name, value) -> {
            if (SENSITIVE_NAME.matcher(name).matches()) {
                add(values, value);
            }
        });
        return new Redactor(values);
    }

    private static void add(Set<String> values, String value) {
        if (value != null && value.strip().length() >= MIN_LENGTH) {
            values.add(value.strip());
        }
    }

    String apply(String text) {
        String out = text;
        for (String v : values) {
            out = out.replace(v, MASK);
        }
        return out;
    }

}
