package dev.guardrails.scanner.rules.exposure;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every host an Ingress routes is covered by its TLS section. A host matches a TLS entry by name
 * or by a {@code *.domain} wildcard; with no TLS entry at all the whole Ingress is plain HTTP.
 */
public final class IngressTlsRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "ingress-tls-missing",
            "Ingress serves a host without TLS",
            Category.NETWORKING,
            Severity.MEDIUM,
            "Without a TLS entry the ingress controller serves the host over plain HTTP with its "
                    + "default certificate at best, so credentials and session cookies cross the network "
                    + "readable.",
            "Add spec.tls with the host and a certificate Secret (for example issued by cert-manager "
                    + "through the cert-manager.io/cluster-issuer annotation).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!"Ingress".equals(object.kind())) {
            return List.of();
        }
        JsonNode tls = object.at("spec.tls");
        String name = "Ingress \"" + object.name() + "\"";
        if (!tls.isArray() || tls.isEmpty()) {
            return List.of(new Violation("spec", name + " has no TLS section"));
        }
        Set<String> covered = new HashSet<>();
        boolean coversAll = false;
        for (JsonNode entry : tls) {
            JsonNode hosts = entry.path("hosts");
            if (!hosts.isArray() || hosts.isEmpty()) {
                coversAll = true; // a TLS entry without hosts applies the certificate to every host
            }
            hosts.forEach(h -> covered.add(h.asText()));
        }
        List<Violation> out = new ArrayList<>();
        JsonNode rules = object.at("spec.rules");
        for (int i = 0; !coversAll && i < rules.size(); i++) {
            String host = rules.get(i).path("host").asText("");
            if (!host.isEmpty() && !isCovered(host, covered)) {
                out.add(new Violation(FieldPath.key(FieldPath.index("spec.rules", i), "host"),
                        name + " routes host " + host + " without TLS"));
            }
        }
        return out;
    }

    private static boolean isCovered(String host, Set<String> covered) {
        if (covered.contains(host)) {
            return true;
        }
        int dot = host.indexOf('.');
        return dot > 0 && covered.contains("*" + host.substring(dot));
    }
}
