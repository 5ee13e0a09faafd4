package dev.guardrails.argocd.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of an Application's {@code spec.source} or {@code spec.sources}, bound once from the
 * YAML tree by {@link ApplicationReader}. Tool blocks are {@code null} when absent: Argo CD decides
 * the source type from which blocks are present, not from their content.
 *
 * @param index          position in {@code spec.sources} (0 for {@code spec.source})
 * @param repoURL        Git (or Helm repository) URL
 * @param path           repo-relative app dir; {@code null} for chart and ref-only sources
 * @param targetRevision branch, tag or SHA (for charts: the chart version)
 * @param chart          chart name when {@code repoURL} is a Helm repository
 * @param ref            name other sources use as {@code $<ref>/...} in value files
 * @param helm           {@code helm:} block or {@code null}
 * @param kustomize      {@code kustomize:} block or {@code null}
 * @param directory      {@code directory:} block or {@code null}
 * @param plugin         {@code plugin:} block or {@code null}
 */
public record ApplicationSource(int index, String repoURL, String path, String targetRevision, String chart,
                                String ref, Helm helm, Kustomize kustomize, Directory directory, Plugin plugin) {

    /** The source types Argo CD knows, named as its error messages name them. */
    public enum Kind {
        KUSTOMIZE("Kustomize"), HELM("Helm"), DIRECTORY("Directory"), PLUGIN("Plugin");

        private final String argoName;

        Kind(String argoName) {
            this.argoName = argoName;
        }

        public String argoName() {
            return argoName;
        }
    }

    /** True for a source that only names a ref: it renders nothing itself. */
    public boolean refOnly() {
        return ref != null && !ref.isBlank() && (path == null || path.isBlank()) && (chart == null || chart.isBlank());
    }

    /** True when the source is a chart from a Helm repository (or OCI registry), not a Git path. */
    public boolean helmRepositoryChart() {
        return chart != null && !chart.isBlank();
    }

    /**
     * The type set by the tool block present, as Argo CD's {@code ExplicitType}: empty when none is,
     * an error when several are.
     */
    public Optional<Kind> explicitType() throws InvalidApplicationException {
        List<Kind> kinds = new ArrayList<>();
        if (kustomize != null) {
            kinds.add(Kind.KUSTOMIZE);
        }
        if (helm != null) {
            kinds.add(Kind.HELM);
        }
        if (directory != null) {
            kinds.add(Kind.DIRECTORY);
        }
        if (plugin != null) {
            kinds.add(Kind.PLUGIN);
        }
        if (kinds.size() > 1) {
            throw new InvalidApplicationException("multiple application sources defined: "
                    + String.join(",", kinds.stream().map(Kind::argoName).toList()));
        }
        return kinds.stream().findFirst();
    }

    /** {@code spec.source.helm}. */
    public record Helm(List<String> valueFiles, String values, ObjectNode valuesObject, List<Parameter> parameters,
                       List<FileParameter> fileParameters, String releaseName, String namespace, boolean skipCrds,
                       boolean skipTests, boolean skipSchemaValidation, boolean ignoreMissingValueFiles,
                       String kubeVersion, List<String> apiVersions) {

        public Helm {
            valueFiles = List.copyOf(valueFiles);
            parameters = List.copyOf(parameters);
            fileParameters = List.copyOf(fileParameters);
            apiVersions = List.copyOf(apiVersions);
        }

        /** One {@code --set} / {@code --set-string} value. */
        public record Parameter(String name, String value, boolean forceString) {
        }

        /** One {@code --set-file} value. */
        public record FileParameter(String name, String path) {
        }
    }

    /** {@code spec.source.kustomize}: edits Argo CD applies to the kustomization before building. */
    public record Kustomize(List<String> images, String namePrefix, String nameSuffix, Map<String, String> commonLabels,
                            Map<String, String> commonAnnotations, String namespace, List<Replica> replicas,
                            List<ObjectNode> patches, List<String> components, boolean ignoreMissingComponents,
                            boolean forceCommonLabels, boolean forceCommonAnnotations, boolean labelWithoutSelector,
                            boolean labelIncludeTemplates, boolean commonAnnotationsEnvsubst) {

        public Kustomize {
            images = List.copyOf(images);
            commonLabels = Collections.unmodifiableMap(new LinkedHashMap<>(commonLabels));
            commonAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(commonAnnotations));
            replicas = List.copyOf(replicas);
            patches = List.copyOf(patches);
            components = List.copyOf(components);
        }

        /** True when no edit would change the kustomization. */
        public boolean noEdits() {
            return images.isEmpty() && blank(namePrefix) && blank(nameSuffix) && commonLabels.isEmpty()
                    && commonAnnotations.isEmpty() && blank(namespace) && replicas.isEmpty() && patches.isEmpty()
                    && components.isEmpty();
        }

        private static boolean blank(String s) {
            return s == null || s.isEmpty();
        }

        /** One {@code kustomize edit set replicas name=count}. */
        public record Replica(String name, int count) {
        }
    }

    /**
     * {@code spec.source.directory}.
     *
     * @param jsonnet true when a non-empty {@code jsonnet:} block is set (not evaluated here)
     */
    public record Directory(boolean recurse, String include, String exclude, boolean jsonnet) {
    }

    /** {@code spec.source.plugin}: rendered by a config management plugin, never here. */
    public record Plugin(String name) {
    }
}
