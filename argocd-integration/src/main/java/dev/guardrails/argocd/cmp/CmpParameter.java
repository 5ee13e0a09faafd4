package dev.guardrails.argocd.cmp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code ARGOCD_APP_PARAMETERS}: a name plus any of a string, an array of strings or
 * a string map (Argo CD's {@code ApplicationSourcePluginParameter}). Unset fields are {@code null};
 * a field set but empty arrives as {@code []} or {@code {}} and stays an empty collection here.
 */
public record CmpParameter(String name, String string, List<String> array, Map<String, String> map) {

    public CmpParameter {
        Objects.requireNonNull(name, "name");
        array = array == null ? null : List.copyOf(array);
        map = map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
