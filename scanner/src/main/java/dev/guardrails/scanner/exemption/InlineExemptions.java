package dev.guardrails.scanner.exemption;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Exemption;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.model.ObjectSelector;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Exemptions written next to the object they excuse, as an annotation per rule:
 *
 * <pre>
 * metadata:
 *   annotations:
 *     guardrails.dev/exempt.run-as-non-root: "owner=team-billing; expires=2027-03-31; reason=vendor image runs as root (SEC-123)"
 * </pre>
 *
 * The same rules apply as in {@code .guardrails.yaml}: a known rule id (no wildcard: a blanket
 * bypass in a manifest is refused), an owner, a reason and an expiry date. On workloads the
 * annotation may sit on the object or on its pod template. Each one covers only the object it is
 * on. Malformed ones are reported as problems, never silently applied.
 */
public final class InlineExemptions {

    /** Annotation key prefix; the rule id follows it. */
    public static final String PREFIX = "guardrails.dev/exempt.";

    /**
     * What an object's annotations say.
     *
     * @param exemptions well-formed exemptions (expired ones included: the caller reports them)
     * @param problems   malformed or refused annotations
     */
    public record Result(List<Found> exemptions, List<Problem> problems) {
    }

    /** A parsed exemption and the field path of its annotation. */
    public record Found(Exemption exemption, String path) {
    }

    /** An annotation that could not be used, with the field path and why. */
    public record Problem(String path, String message) {
    }

    private InlineExemptions() {
    }

    /**
     * Reads the exemption annotations of one object.
     *
     * @param placed  the object's reference with its deployed namespace (the exemption covers exactly it)
     * @param known   rule ids that may be exempted
     * @param allowed false when the policy forbids inline exemptions: every annotation is a problem
     */
    public static Result read(ManifestObject object, String app, ObjectRef placed, Set<String> known, boolean allowed) {
        List<Found> found = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, JsonNode> places = new LinkedHashMap<>();
        places.put("metadata", object.metadata());
        Optional<PodTemplate> pod = PodTemplate.of(object);
        if (pod.isPresent() && !"Pod".equals(object.kind())) {
            places.put(pod.get().metadataPath(), pod.get().metadata());
        }
        for (Map.Entry<String, JsonNode> place : places.entrySet()) {
            JsonNode annotations = place.getValue().path("annotations");
            for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> a = it.next();
                if (!a.getKey().startsWith(PREFIX)) {
                    continue;
                }
                String path = FieldPath.key(FieldPath.key(place.getKey(), "annotations"), a.getKey());
                String rule = a.getKey().substring(PREFIX.length());
                if (!allowed) {
                    problems.add(new Problem(path, "inline exemption for " + rule
                            + " ignored: this repository's policy only accepts exemptions in .guardrails.yaml"));
                    continue;
                }
                if (!known.contains(rule)) {
                    problems.add(new Problem(path, "inline exemption names unknown rule '" + rule + "'"));
                    continue;
                }
                parse(a.getValue().asText(""), rule, app, placed, object.origin() + " " + a.getKey())
                        .ifPresentOrElse(e -> found.add(new Found(e, path)), () -> problems.add(new Problem(path,
                                "inline exemption for " + rule + " must read \"owner=<team>; reason=<why>; "
                                        + "expires=<YYYY-MM-DD>\" with all three set")));
            }
        }
        return new Result(found, problems);
    }

    private static Optional<Exemption> parse(String value, String rule, String app, ObjectRef placed, String source) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), part.substring(eq + 1).strip());
            }
        }
        String owner = fields.getOrDefault("owner", "");
        String reason = fields.getOrDefault("reason", "");
        String expires = fields.getOrDefault("expires", "");
        if (owner.isEmpty() || reason.isEmpty() || expires.isEmpty()) {
            return Optional.empty();
        }
        try {
            ObjectSelector exactly = new ObjectSelector(app, placed.kind(), placed.namespace(), placed.name());
            return Optional.of(new Exemption(rule, exactly, owner, reason, LocalDate.parse(expires), source));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
