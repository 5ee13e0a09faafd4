package dev.guardrails.scanner.config;

import java.util.List;
import java.util.Set;

/**
 * How a repo's apps are found, beyond what its Argo CD Applications say.
 *
 * @param chartVariants which value variants of a chart without an Application are rendered
 *                      ({@code charts.variants}): {@code default} (values.yaml alone), {@code env}
 *                      (each {@code values-<env>.yaml} layered on values.yaml), {@code ci} (each
 *                      {@code ci/*.yaml}, chart-testing's cases, layered on values.yaml)
 * @param clusters      clusters the ApplicationSet clusters generator expands to ({@code clusters:}),
 *                      besides the Argo CD cluster Secrets found in the repo
 */
public record DiscoverySettings(Set<ChartVariant> chartVariants, List<ClusterConfig> clusters) {

    /** A kind of chart value variant. */
    public enum ChartVariant {
        DEFAULT, ENV, CI
    }

    public static final Set<ChartVariant> DEFAULT_VARIANTS = Set.of(ChartVariant.DEFAULT, ChartVariant.ENV);

    public DiscoverySettings {
        chartVariants = chartVariants == null ? DEFAULT_VARIANTS : Set.copyOf(chartVariants);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }

    public static DiscoverySettings defaults() {
        return new DiscoverySettings(DEFAULT_VARIANTS, List.of());
    }
}
