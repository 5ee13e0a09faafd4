package dev.guardrails.scanner.rules.references;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Bundle;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Finds the objects of an app by kind and name, including Secrets that other objects of the app generate. */
final class AppObjects {

    private AppObjects() {
    }

    /** The app's object of {@code kind} named {@code name} in {@code namespace}. */
    static Optional<ManifestObject> find(Bundle bundle, String kind, String namespace, String name) {
        return Optional.ofNullable(AppIndex.of(bundle).find(kind, namespace, name));
    }

    /**
     * Whether the app defines the object, or (for Secrets) holds an object whose controller writes a
     * Secret of that name: SealedSecret, ExternalSecret, cert-manager Certificate, Vault Secrets
     * Operator, 1Password, SOPS, Infisical, Doppler and Secrets Store CSI sync.
     */
    static boolean defines(Bundle bundle, String kind, String namespace, String name) {
        if (find(bundle, kind, namespace, name).isPresent()) {
            return true;
        }
        return kind.equals("Secret") && AppIndex.of(bundle).generatesSecret(namespace, name);
    }

    /** Names of the Secrets an object's controller writes; empty for most kinds. */
    static Set<String> generatedSecretNames(ManifestObject o) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode spec = o.raw().path("spec");
        switch (o.kind()) {
            case "SealedSecret" -> names.add(text(spec.path("template").path("metadata").path("name"), o.name()));
            case "ExternalSecret" -> names.add(text(spec.path("target").path("name"), o.name()));
            case "Certificate" -> names.add(text(spec.path("secretName"), ""));
            case "VaultStaticSecret", "VaultDynamicSecret", "VaultPKISecret" ->
                    names.add(text(spec.path("destination").path("name"), ""));
            case "OnePasswordItem" -> names.add(o.name());
            case "InfisicalSecret" -> names.add(text(spec.path("managedSecretReference").path("secretName"), ""));
            case "DopplerSecret" -> names.add(text(spec.path("managedSecret").path("name"), ""));
            case "SecretProviderClass" -> spec.path("secretObjects")
                    .forEach(s -> names.add(text(s.path("secretName"), "")));
            case "SopsSecret" -> spec.path("secretTemplates").forEach(s -> names.add(text(s.path("name"), "")));
            default -> {
            }
        }
        names.remove("");
        return names;
    }

    /** Keys an object of the app holds: data and binaryData of a ConfigMap, data and stringData of a Secret. */
    static Set<String> keys(ManifestObject object) {
        Set<String> keys = new LinkedHashSet<>();
        for (String field : new String[] {"data", "binaryData", "stringData"}) {
            object.raw().path(field).fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    /**
     * Whether the keys written in Git are all the object will hold: not when it is empty (a
     * replicator or controller fills it) or a service-account token Secret (the token controller does).
     */
    static boolean keysKnown(ManifestObject object) {
        return !keys(object).isEmpty()
                && !"kubernetes.io/service-account-token".equals(object.raw().path("type").asText(""));
    }

    /** Elements of a list field; anything but a list (hostile or broken input) has none. */
    static int length(JsonNode node) {
        return node != null && node.isArray() ? node.size() : 0;
    }

    private static String text(JsonNode node, String fallback) {
        return node.isValueNode() && !node.asText().isEmpty() ? node.asText() : fallback;
    }
}
