package dev.guardrails.scanner.engine;

import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParseException;

/**
 * Documents that are mappings but not Kubernetes objects, judged as Argo CD judges them
 * ({@code reposerver/repository/repository.go} {@code findManifests}, gitops-engine
 * {@code kube.SplitYAML}): every document is decoded into an {@code Unstructured}, which fails on a
 * missing {@code kind} ("Object 'Kind' is missing"), and that fails the app's whole manifest
 * generation. The one exception: a directory-app {@code .yaml} file whose first document already
 * fails and that does not contain {@code apiVersion:}, {@code kind:} and {@code metadata:} is taken
 * for an unrelated YAML file and ignored. Such documents are never checked as objects.
 */
final class KindlessDocuments {

    private KindlessDocuments() {
    }

    /** {@code "kind"} or {@code "apiVersion"} when the object lacks it, else null. */
    static String missingField(ManifestObject object) {
        if (object.raw().path("kind").asText("").isBlank()) {
            return "kind";
        }
        if (object.raw().path("apiVersion").asText("").isBlank()) {
            return "apiVersion";
        }
        return null;
    }

    static ManifestParseException error(ManifestObject object, String missing) {
        String why = missing.equals("kind")
                ? "Argo CD fails the app's manifest generation (\"Object 'Kind' is missing\")"
                : "the API server refuses it, so the app's sync fails";
        return new ManifestParseException(object.origin().file(), object.origin().line(),
                "document " + (object.origin().document() + 1) + " has no " + missing + "; " + why);
    }

    /**
     * True when a directory-app file that yields no object is one Argo CD ignores: YAML (not
     * {@code .json}) that does not mention {@code apiVersion:}, {@code kind:} and {@code metadata:}.
     */
    static boolean unrelatedFile(String path, String content, int validObjects, int problems) {
        if (problems == 0 || validObjects > 0 || path.endsWith(".json")) {
            return false;
        }
        return !(content.contains("apiVersion:") && content.contains("kind:") && content.contains("metadata:"));
    }
}
