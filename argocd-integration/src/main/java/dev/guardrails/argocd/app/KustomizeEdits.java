package dev.guardrails.argocd.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.guardrails.scanner.parse.YamlReader;
import dev.guardrails.scanner.parse.ManifestParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The edits Argo CD makes to an app's kustomization with {@code kustomize edit} before building
 * ({@code util/kustomize/kustomize.go} {@code Build}), done as YAML tree edits on a file in a
 * {@link RepoCopies temporary copy}. Order as Argo CD: name prefix and suffix, images, replicas,
 * labels, annotations, namespace, patches, components.
 */
public final class KustomizeEdits {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private KustomizeEdits() {
    }

    /**
     * Edits {@code kustomizationFile} in place; it must be a copy.
     *
     * @throws InvalidApplicationException when {@code kustomize edit} would fail (e.g. a label already
     *                                     set without {@code forceCommonLabels}, a missing component)
     */
    public static void apply(Path kustomizationFile, ApplicationSource.Kustomize options, BuildEnv env)
            throws InvalidApplicationException, IOException {
        JsonNode read;
        try {
            // The same resolved document kustomize reads: aliases and merge keys expanded.
            read = new YamlReader().readTree(kustomizationFile, kustomizationFile.getFileName().toString());
        } catch (ManifestParseException e) {
            throw new InvalidApplicationException(e.getMessage());
        }
        ObjectNode k = read != null && read.isObject() ? (ObjectNode) read : YAML.createObjectNode();
        edit(k, options, env, kustomizationFile.getParent());
        Files.writeString(kustomizationFile, YAML.writeValueAsString(k));
    }

    /** The tree edits alone, for {@link #apply}; {@code dir} resolves component paths. */
    static void edit(ObjectNode k, ApplicationSource.Kustomize o, BuildEnv env, Path dir)
            throws InvalidApplicationException {
        if (!isEmpty(o.namePrefix())) {
            k.put("namePrefix", o.namePrefix());
        }
        if (!isEmpty(o.nameSuffix())) {
            k.put("nameSuffix", o.nameSuffix());
        }
        for (String image : o.images()) {
            setImage(k, env.substitute(image));
        }
        for (ApplicationSource.Kustomize.Replica r : o.replicas()) {
            ArrayNode list = array(k, "replicas");
            ObjectNode entry = find(list, "name", r.name());
            if (entry == null) {
                entry = list.addObject().put("name", r.name());
            }
            entry.put("count", r.count());
        }
        if (!o.commonLabels().isEmpty()) {
            if (o.labelWithoutSelector()) {
                ObjectNode entry = array(k, "labels").addObject();
                ObjectNode pairs = entry.putObject("pairs");
                o.commonLabels().forEach((key, value) -> pairs.put(key, env.substitute(value)));
                entry.put("includeSelectors", false);
                if (o.labelIncludeTemplates()) {
                    entry.put("includeTemplates", true);
                }
            } else {
                addAll(object(k, "commonLabels"), o.commonLabels(), o.forceCommonLabels(), "label", env);
            }
        }
        if (!o.commonAnnotations().isEmpty()) {
            addAll(object(k, "commonAnnotations"), o.commonAnnotations(), o.forceCommonAnnotations(), "annotation",
                    o.commonAnnotationsEnvsubst() ? env : null);
        }
        if (!isEmpty(o.namespace())) {
            k.put("namespace", o.namespace());
        }
        for (ObjectNode patch : o.patches()) {
            array(k, "patches").add(patch.deepCopy());
        }
        for (String component : o.components()) {
            boolean remote = component.contains("://") || component.startsWith("github.com/");
            if (!remote && !Files.exists(dir.resolve(component).normalize())) {
                if (o.ignoreMissingComponents()) {
                    continue;
                }
                throw new InvalidApplicationException("kustomize edit add component: '" + component
                        + "' does not exist (set ignoreMissingComponents to skip it)");
            }
            ArrayNode list = array(k, "components");
            boolean present = false;
            for (JsonNode existing : list) {
                present |= existing.asText().equals(component);
            }
            if (!present) {
                list.add(component);
            }
        }
    }

    private static void addAll(ObjectNode target, Map<String, String> values, boolean force, String what,
                               BuildEnv env) throws InvalidApplicationException {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (target.has(e.getKey()) && !force) {
                throw new InvalidApplicationException("kustomize edit add " + what + ": " + what + " '" + e.getKey()
                        + "' is already in the kustomization file (set force" + (what.equals("label")
                        ? "CommonLabels" : "CommonAnnotations") + " to overwrite it)");
            }
            target.put(e.getKey(), env == null ? e.getValue() : env.substitute(e.getValue()));
        }
    }

    /**
     * {@code kustomize edit set image}: {@code name=newName[:tag|@digest]} or {@code name[:tag|@digest]};
     * an entry for the same name is updated, a tag clears a digest and a digest clears a tag.
     */
    static void setImage(ObjectNode k, String arg) throws InvalidApplicationException {
        String name;
        ImageSpec spec;
        int eq = arg.indexOf('=');
        if (eq >= 0) {
            name = arg.substring(0, eq);
            spec = ImageSpec.parse(arg.substring(eq + 1));
        } else {
            ImageSpec whole = ImageSpec.parse(arg);
            name = whole.name();
            spec = new ImageSpec("", whole.tag(), whole.digest());
        }
        if (name.isEmpty()) {
            throw new InvalidApplicationException("kustomize edit set image: invalid image '" + arg + "'");
        }
        ArrayNode list = array(k, "images");
        ObjectNode entry = find(list, "name", name);
        if (entry == null) {
            entry = list.addObject().put("name", name);
        }
        if (!spec.name().isEmpty()) {
            entry.put("newName", spec.name());
        }
        if (!spec.tag().isEmpty()) {
            entry.put("newTag", spec.tag());
            if (spec.digest().isEmpty()) {
                entry.remove("digest");
            }
        }
        if (!spec.digest().isEmpty()) {
            entry.put("digest", spec.digest());
            if (spec.tag().isEmpty()) {
                entry.remove("newTag");
            }
        }
    }

    /** {@code name[:tag][@digest]}; the tag colon must come after the last {@code /} (registry ports). */
    record ImageSpec(String name, String tag, String digest) {

        static ImageSpec parse(String image) {
            String rest = image;
            String digest = "";
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = rest.substring(at + 1);
                rest = rest.substring(0, at);
            }
            String tag = "";
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                tag = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            return new ImageSpec(rest, tag, digest);
        }
    }

    private static ObjectNode find(ArrayNode list, String key, String value) {
        for (JsonNode item : list) {
            if (item.isObject() && value.equals(item.path(key).asText(null))) {
                return (ObjectNode) item;
            }
        }
        return null;
    }

    private static ArrayNode array(ObjectNode k, String field) {
        JsonNode existing = k.get(field);
        return existing != null && existing.isArray() ? (ArrayNode) existing : k.putArray(field);
    }

    private static ObjectNode object(ObjectNode k, String field) {
        JsonNode existing = k.get(field);
        return existing != null && existing.isObject() ? (ObjectNode) existing : k.putObject(field);
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
