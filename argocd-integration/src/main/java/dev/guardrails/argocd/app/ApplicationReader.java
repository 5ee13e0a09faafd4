package dev.guardrails.argocd.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.model.SourceSpan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds Application manifests to {@link Application} records, once, at the edge. Type errors name
 * the Application and the field ({@code spec.sources[1].helm.valueFiles}), as Argo CD's API server
 * would refuse the object.
 */
public final class ApplicationReader {

    private ApplicationReader() {
    }

    /** True for an {@code argoproj.io} object of the given kind. */
    public static boolean isKind(JsonNode node, String kind) {
        return node != null && node.isObject() && kind.equals(node.path("kind").asText())
                && node.path("apiVersion").asText().startsWith("argoproj.io/");
    }

    /**
     * Reads an Application.
     *
     * @throws InvalidApplicationException naming the app and the offending field
     */
    public static Application read(ObjectNode app, SourceSpan origin) throws InvalidApplicationException {
        JsonNode metadata = app.path("metadata");
        String name = metadata.path("name").asText("");
        if (name.isBlank()) {
            throw new InvalidApplicationException("Application at " + origin + " has no metadata.name");
        }
        Fields f = new Fields(name);
        JsonNode spec = app.get("spec");
        if (spec == null || !spec.isObject()) {
            throw f.error("spec", "is required");
        }
        List<ApplicationSource> sources = new ArrayList<>();
        JsonNode many = spec.get("sources");
        if (many != null && !many.isNull() && !many.isArray()) {
            throw f.error("spec.sources", "must be a list");
        }
        if (many != null && many.isArray() && !many.isEmpty()) {
            for (int i = 0; i < many.size(); i++) {
                sources.add(readSource(f, many.get(i), "spec.sources[" + i + "]", i));
            }
        } else {
            JsonNode one = spec.get("source");
            if (one == null || one.isNull()) {
                throw f.error("spec.source", "is required (or spec.sources)");
            }
            sources.add(readSource(f, one, "spec.source", 0));
        }
        JsonNode dest = spec.path("destination");
        if (!dest.isMissingNode() && !dest.isObject()) {
            throw f.error("spec.destination", "must be an object");
        }
        Application.Destination destination = new Application.Destination(
                f.string(dest, "server", "spec.destination"), f.string(dest, "name", "spec.destination"),
                f.string(dest, "namespace", "spec.destination"));
        String project = f.string(spec, "project", "spec");
        return new Application(name, metadata.path("namespace").asText(""),
                project == null || project.isBlank() ? "default" : project, sources, destination, origin, app);
    }

    /**
     * Reads one source object.
     *
     * @param field its path in the Application, for messages
     */
    public static ApplicationSource readSource(String appName, JsonNode node, String field, int index)
            throws InvalidApplicationException {
        return readSource(new Fields(appName), node, field, index);
    }

    private static ApplicationSource readSource(Fields f, JsonNode node, String field, int index)
            throws InvalidApplicationException {
        if (node == null || !node.isObject()) {
            throw f.error(field, "must be an object");
        }
        String repoURL = f.string(node, "repoURL", field);
        if (repoURL == null || repoURL.isBlank()) {
            throw f.error(field + ".repoURL", "is required");
        }
        return new ApplicationSource(index, repoURL, f.string(node, "path", field),
                f.string(node, "targetRevision", field), f.string(node, "chart", field), f.string(node, "ref", field),
                helm(f, node.get("helm"), field + ".helm"),
                kustomize(f, node.get("kustomize"), field + ".kustomize"),
                directory(f, node.get("directory"), field + ".directory"),
                plugin(f, node.get("plugin"), field + ".plugin"));
    }

    private static ApplicationSource.Helm helm(Fields f, JsonNode node, String field)
            throws InvalidApplicationException {
        if (absent(node)) {
            return null;
        }
        f.object(node, field);
        List<ApplicationSource.Helm.Parameter> parameters = new ArrayList<>();
        for (JsonNode p : f.objects(node, "parameters", field)) {
            String name = f.string(p, "name", field + ".parameters");
            if (name == null || name.isBlank()) {
                throw f.error(field + ".parameters", "entries need a name");
            }
            parameters.add(new ApplicationSource.Helm.Parameter(name, scalar(p.get("value")),
                    f.bool(p, "forceString", field + ".parameters")));
        }
        List<ApplicationSource.Helm.FileParameter> fileParameters = new ArrayList<>();
        for (JsonNode p : f.objects(node, "fileParameters", field)) {
            String name = f.string(p, "name", field + ".fileParameters");
            String path = f.string(p, "path", field + ".fileParameters");
            if (name == null || name.isBlank() || path == null || path.isBlank()) {
                throw f.error(field + ".fileParameters", "entries need a name and a path");
            }
            fileParameters.add(new ApplicationSource.Helm.FileParameter(name, path));
        }
        JsonNode valuesObject = node.get("valuesObject");
        if (!absent(valuesObject) && !valuesObject.isObject()) {
            throw f.error(field + ".valuesObject", "must be an object");
        }
        return new ApplicationSource.Helm(f.strings(node, "valueFiles", field), f.string(node, "values", field),
                absent(valuesObject) ? null : (ObjectNode) valuesObject, parameters, fileParameters,
                f.string(node, "releaseName", field), f.string(node, "namespace", field),
                f.bool(node, "skipCrds", field), f.bool(node, "skipTests", field),
                f.bool(node, "skipSchemaValidation", field), f.bool(node, "ignoreMissingValueFiles", field),
                f.string(node, "kubeVersion", field), f.strings(node, "apiVersions", field));
    }

    private static ApplicationSource.Kustomize kustomize(Fields f, JsonNode node, String field)
            throws InvalidApplicationException {
        if (absent(node)) {
            return null;
        }
        f.object(node, field);
        List<ApplicationSource.Kustomize.Replica> replicas = new ArrayList<>();
        for (JsonNode r : f.objects(node, "replicas", field)) {
            String name = f.string(r, "name", field + ".replicas");
            JsonNode count = r.get("count");
            int value;
            if (count != null && count.isInt()) {
                value = count.asInt();
            } else if (count != null && count.isTextual() && count.asText().matches("\\d+")) {
                value = Integer.parseInt(count.asText());
            } else {
                throw f.error(field + ".replicas", "entries need a name and a whole-number count");
            }
            if (name == null || name.isBlank()) {
                throw f.error(field + ".replicas", "entries need a name and a whole-number count");
            }
            replicas.add(new ApplicationSource.Kustomize.Replica(name, value));
        }
        List<ObjectNode> patches = new ArrayList<>();
        for (JsonNode p : f.objects(node, "patches", field)) {
            patches.add((ObjectNode) p);
        }
        return new ApplicationSource.Kustomize(f.strings(node, "images", field), f.string(node, "namePrefix", field),
                f.string(node, "nameSuffix", field), f.stringMap(node, "commonLabels", field),
                f.stringMap(node, "commonAnnotations", field), f.string(node, "namespace", field), replicas, patches,
                f.strings(node, "components", field), f.bool(node, "ignoreMissingComponents", field),
                f.bool(node, "forceCommonLabels", field), f.bool(node, "forceCommonAnnotations", field),
                f.bool(node, "labelWithoutSelector", field), f.bool(node, "labelIncludeTemplates", field),
                f.bool(node, "commonAnnotationsEnvsubst", field));
    }

    private static ApplicationSource.Directory directory(Fields f, JsonNode node, String field)
            throws InvalidApplicationException {
        if (absent(node)) {
            return null;
        }
        f.object(node, field);
        JsonNode jsonnet = node.get("jsonnet");
        return new ApplicationSource.Directory(f.bool(node, "recurse", field), f.string(node, "include", field),
                f.string(node, "exclude", field), jsonnet != null && jsonnet.isObject() && !jsonnet.isEmpty());
    }

    private static ApplicationSource.Plugin plugin(Fields f, JsonNode node, String field)
            throws InvalidApplicationException {
        if (absent(node)) {
            return null;
        }
        f.object(node, field);
        return new ApplicationSource.Plugin(f.string(node, "name", field));
    }

    /** Go's JSON decoding leaves a pointer nil for a missing key or {@code null}; {@code {}} is set. */
    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static String scalar(JsonNode node) {
        return node == null || node.isNull() ? "" : node.isValueNode() ? node.asText() : node.toString();
    }

    /** Typed field access that names the Application and field path in errors. */
    private record Fields(String app) {

        InvalidApplicationException error(String field, String problem) {
            return new InvalidApplicationException("Application '" + app + "': " + field + " " + problem);
        }

        void object(JsonNode node, String field) throws InvalidApplicationException {
            if (!node.isObject()) {
                throw error(field, "must be an object");
            }
        }

        String string(JsonNode parent, String key, String field) throws InvalidApplicationException {
            JsonNode v = parent.get(key);
            if (absent(v)) {
                return null;
            }
            if (!v.isValueNode()) {
                throw error(field + "." + key, "must be a string");
            }
            return v.asText();
        }

        boolean bool(JsonNode parent, String key, String field) throws InvalidApplicationException {
            JsonNode v = parent.get(key);
            if (absent(v)) {
                return false;
            }
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            throw error(field + "." + key, "must be true or false");
        }

        List<String> strings(JsonNode parent, String key, String field) throws InvalidApplicationException {
            JsonNode v = parent.get(key);
            if (absent(v)) {
                return List.of();
            }
            if (!v.isArray()) {
                throw error(field + "." + key, "must be a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isValueNode() || item.isNull()) {
                    throw error(field + "." + key, "must be a list of strings");
                }
                out.add(item.asText());
            }
            return out;
        }

        List<JsonNode> objects(JsonNode parent, String key, String field) throws InvalidApplicationException {
            JsonNode v = parent.get(key);
            if (absent(v)) {
                return List.of();
            }
            if (!v.isArray()) {
                throw error(field + "." + key, "must be a list of objects");
            }
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isObject()) {
                    throw error(field + "." + key, "must be a list of objects");
                }
                out.add(item);
            }
            return out;
        }

        Map<String, String> stringMap(JsonNode parent, String key, String field) throws InvalidApplicationException {
            JsonNode v = parent.get(key);
            if (absent(v)) {
                return Map.of();
            }
            if (!v.isObject()) {
                throw error(field + "." + key, "must be a map of strings");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) {
                    throw error(field + "." + key + "." + e.getKey(), "must be a string");
                }
                out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            }
            return out;
        }
    }
}
