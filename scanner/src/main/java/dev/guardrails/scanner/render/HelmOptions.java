package dev.guardrails.scanner.render;

import java.util.List;

/**
 * The helm part of an app's source, mirroring Argo CD's {@code spec.source.helm} fields that affect
 * {@code helm template}.
 *
 * @param releaseName             release name; {@code null} uses the app name
 * @param valueFiles              {@code --values} files in order, relative to the chart dir
 *                                ({@code /x} is from the repo root)
 * @param valuesYaml              inline values passed last, so they win (Argo CD's {@code valuesObject});
 *                                {@code null} or blank for none
 * @param parameters              {@code --set} / {@code --set-string} values
 * @param fileParameters          {@code --set-file} values
 * @param skipCrds                leave out the chart's {@code crds/} folder
 * @param skipTests               leave out test hooks
 * @param skipSchemaValidation    do not check values against {@code values.schema.json}
 * @param ignoreMissingValueFiles drop value files that do not exist instead of failing
 * @param kubeVersion             {@code --kube-version}; {@code null} uses helm's default
 * @param apiVersions             {@code --api-versions}, one flag each
 */
public record HelmOptions(String releaseName, List<String> valueFiles, String valuesYaml,
                          List<HelmParameter> parameters, List<HelmFileParameter> fileParameters,
                          boolean skipCrds, boolean skipTests, boolean skipSchemaValidation,
                          boolean ignoreMissingValueFiles, String kubeVersion, List<String> apiVersions) {

    public HelmOptions {
        valueFiles = valueFiles == null ? List.of() : List.copyOf(valueFiles);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        fileParameters = fileParameters == null ? List.of() : List.copyOf(fileParameters);
        apiVersions = apiVersions == null ? List.of() : List.copyOf(apiVersions);
    }

    /** No values, no parameters, CRDs and tests included, schema checked: plain {@code helm template}. */
    public static HelmOptions defaults() {
        return new HelmOptions(null, List.of(), null, List.of(), List.of(), false, false, false, false, null, List.of());
    }

    /** A copy with other value files. */
    public HelmOptions withValueFiles(List<String> files) {
        return new HelmOptions(releaseName, files, valuesYaml, parameters, fileParameters, skipCrds, skipTests,
                skipSchemaValidation, ignoreMissingValueFiles, kubeVersion, apiVersions);
    }
}
