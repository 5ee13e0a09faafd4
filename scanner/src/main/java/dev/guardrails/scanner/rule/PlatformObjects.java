package dev.guardrails.scanner.rule;

import dev.guardrails.scanner.model.ObjectSelector;
import java.util.List;
import java.util.Objects;

/**
 * Objects the platform (or another app) provides in every namespace, so an app may refer to them
 * without defining them; from {@code platformObjects:} in {@code .guardrails.yaml}. Each entry is a
 * name or a glob ({@code *}, {@code ?}), optionally prefixed by a namespace glob and a slash
 * ({@code monitoring/grafana-*}).
 *
 * @param serviceAccounts        ServiceAccount names
 * @param configMaps             ConfigMap names; {@code kube-root-ca.crt} is always provided
 * @param secrets                Secret names
 * @param persistentVolumeClaims PersistentVolumeClaim names
 */
public record PlatformObjects(List<String> serviceAccounts, List<String> configMaps, List<String> secrets,
                              List<String> persistentVolumeClaims) {

    public static final PlatformObjects NONE = new PlatformObjects(List.of(), List.of(), List.of(), List.of());

    /** Published by the kube-controller-manager into every namespace since Kubernetes 1.20. */
    private static final List<String> ALWAYS_CONFIG_MAPS = List.of("kube-root-ca.crt");

    public PlatformObjects {
        serviceAccounts = List.copyOf(Objects.requireNonNullElse(serviceAccounts, List.of()));
        configMaps = List.copyOf(Objects.requireNonNullElse(configMaps, List.of()));
        secrets = List.copyOf(Objects.requireNonNullElse(secrets, List.of()));
        persistentVolumeClaims = List.copyOf(Objects.requireNonNullElse(persistentVolumeClaims, List.of()));
    }

    /** Whether an object of {@code kind} named {@code name} in {@code namespace} comes from the platform. */
    public boolean provides(String kind, String namespace, String name) {
        List<String> patterns = switch (kind) {
            case "ServiceAccount" -> serviceAccounts;
            case "ConfigMap" -> ALWAYS_CONFIG_MAPS.contains(name) ? List.of("*") : configMaps;
            case "Secret" -> secrets;
            case "PersistentVolumeClaim" -> persistentVolumeClaims;
            default -> List.of();
        };
        for (String pattern : patterns) {
            int slash = pattern.indexOf('/');
            String nsGlob = slash < 0 ? "*" : pattern.substring(0, slash);
            String nameGlob = slash < 0 ? pattern : pattern.substring(slash + 1);
            if (ObjectSelector.glob(nsGlob, namespace) && ObjectSelector.glob(nameGlob, name)) {
                return true;
            }
        }
        return false;
    }
}
