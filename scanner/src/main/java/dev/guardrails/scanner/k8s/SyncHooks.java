package dev.guardrails.scanner.k8s;

import dev.guardrails.scanner.model.ManifestObject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Which rendered objects Argo CD never applies, so no guardrail is checked on them (gitops-engine
 * {@code pkg/sync/hook}): an object carrying any {@code helm.sh/hook} annotation is a hook, and
 * only the Helm hooks Argo CD maps (pre/post install, upgrade, delete) become sync hooks; Helm
 * test hooks ({@code test}, {@code test-success}, {@code test-failure}) map to none and are
 * ignored. An {@code argocd.argoproj.io/hook} annotation replaces the Helm hooks entirely, and its
 * {@code Skip} type means "do not apply".
 */
public final class SyncHooks {

    private static final String ARGO_HOOK = "argocd.argoproj.io/hook";
    private static final String HELM_HOOK = "helm.sh/hook";
    private static final Set<String> HELM_TEST_HOOKS = Set.of("test", "test-success", "test-failure");
    private static final Set<String> HELM_MAPPED_HOOKS = Set.of("pre-install", "pre-upgrade", "post-install",
            "post-upgrade", "pre-delete", "post-delete");

    private SyncHooks() {
    }

    /** True when Argo CD would render the object but never create it in the cluster. */
    public static boolean neverApplied(ManifestObject object) {
        var annotations = object.metadata().path("annotations");
        if (!annotations.isObject()) {
            return false;
        }
        var argo = annotations.path(ARGO_HOOK);
        if (argo.isTextual()) {
            Set<String> argoTypes = types(argo.asText());
            return !argoTypes.isEmpty() && argoTypes.stream().allMatch(t -> t.equalsIgnoreCase("Skip"));
        }
        var helm = annotations.path(HELM_HOOK);
        if (!helm.isTextual()) {
            return false;
        }
        Set<String> hooks = types(helm.asText().toLowerCase(Locale.ROOT));
        return !hooks.isEmpty() && hooks.stream().noneMatch(HELM_MAPPED_HOOKS::contains)
                && hooks.stream().anyMatch(HELM_TEST_HOOKS::contains);
    }

    private static Set<String> types(String csv) {
        return Set.copyOf(Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
