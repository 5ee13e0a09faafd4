package dev.guardrails.scanner.rules.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rules.deprecations.ApiDeprecations;
import dev.guardrails.scanner.schema.KubeSchema;
import dev.guardrails.scanner.schema.KubeSchemas;
import java.util.Optional;

/** Where the schema of an object comes from: the built-in API, a CRD in the scan, or nowhere. */
final class ApiTypes {

    /** What is known about an object's type. */
    sealed interface Resolution permits Builtin, BuiltinUnserved, Custom, CustomUnserved, Unknown, Skipped {
    }

    /** A kind the target version serves; {@code exact} is false when the table is older than the target. */
    record Builtin(KubeSchema schema, String typeId, boolean exact) implements Resolution {
    }

    /** A built-in API group that has no such version or kind in the target version. */
    record BuiltinUnserved(String reason) implements Resolution {
    }

    /** A custom resource whose CRD version is in the scan; {@code schema} may be missing. */
    record Custom(ManifestObject crd, JsonNode schema) implements Resolution {
    }

    /** A custom resource whose CRD is in the scan but does not serve this version. */
    record CustomUnserved(ManifestObject crd, String reason) implements Resolution {
    }

    /** A custom resource with no CRD in the scan. */
    record Unknown() implements Resolution {
    }

    /** Removed or deprecated built-in APIs: the deprecation rules report them. */
    record Skipped() implements Resolution {
    }

    private ApiTypes() {
    }

    static Resolution resolve(ManifestObject object, Bundle bundle, KubeSchemas.Selected selected) {
        String apiVersion = object.apiVersion();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        KubeSchema schema = selected.schema();
        boolean deprecated = ApiDeprecations.find(apiVersion, object.kind()).isPresent();
        if (schema.groups().contains(group) || deprecated) {
            String typeId = schema.kindType(group, version, object.kind());
            if (typeId != null) {
                return new Builtin(schema, typeId, selected.exact() || !selected.newerThanShipped());
            }
            if (deprecated || selected.newerThanShipped()) {
                return new Skipped();
            }
            return schema.groupVersions().contains(group + "/" + version)
                    ? new BuiltinUnserved(apiVersion + " has no kind " + object.kind() + " in Kubernetes " + schema.version())
                    : new BuiltinUnserved(apiVersion + " is not served by Kubernetes " + schema.version());
        }
        Optional<ManifestObject> crd = crdFor(group, object.kind(), bundle);
        if (crd.isEmpty()) {
            return new Unknown();
        }
        JsonNode versions = crd.get().at("spec.versions");
        for (JsonNode v : versions) {
            if (version.equals(v.path("name").asText())) {
                if (!v.path("served").asBoolean(true)) {
                    return new CustomUnserved(crd.get(), "version " + version + " of " + object.kind()
                            + " is not served (CRD " + crd.get().name() + ")");
                }
                JsonNode s = v.path("schema").path("openAPIV3Schema");
                return new Custom(crd.get(), s.isObject() ? s : crd.get().at("spec.validation.openAPIV3Schema"));
            }
        }
        if (versions.isEmpty() && version.equals(crd.get().at("spec.version").asText())) {
            return new Custom(crd.get(), crd.get().at("spec.validation.openAPIV3Schema"));
        }
        return new CustomUnserved(crd.get(), "CRD " + crd.get().name() + " defines no version " + version
                + " of " + object.kind());
    }

    private static Optional<ManifestObject> crdFor(String group, String kind, Bundle bundle) {
        for (ManifestObject crd : bundle.ofKindAnywhere("CustomResourceDefinition")) {
            if (group.equals(crd.at("spec.group").asText()) && kind.equals(crd.at("spec.names.kind").asText())) {
                return Optional.of(crd);
            }
        }
        return Optional.empty();
    }
}
