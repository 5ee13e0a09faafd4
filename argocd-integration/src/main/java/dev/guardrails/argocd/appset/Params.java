package dev.guardrails.argocd.appset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Param-set helpers mirroring Argo CD's generator utilities. */
final class Params {

    private Params() {
    }

    /**
     * Argo CD's {@code SanitizeName} ({@code normalize}, {@code *Normalized} params): lower case,
     * anything outside {@code [-a-z0-9.]} becomes {@code -}, at most 253 characters, leading and
     * trailing {@code -}/{@code .} removed.
     */
    static String sanitizeName(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^-a-z0-9.]", "-");
        if (s.length() > 253) {
            s = s.substring(0, 253);
        }
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '-' || s.charAt(start) == '.')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '-' || s.charAt(end - 1) == '.')) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * {@code jeremywohl/flatten} in dot style, then {@code fmt %v} of each leaf: nested keys joined
     * with {@code .}, list items keyed by index, empty maps and lists dropped.
     */
    static void flatten(String prefix, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix.isEmpty() ? String.valueOf(i) : prefix + "." + i, list.get(i), out);
            }
        } else {
            out.put(prefix, GoValues.fmt(value));
        }
    }

    /**
     * {@code mergo.Merge(dst, src)} without override: keys missing or empty in {@code dst} are
     * filled from {@code src}; nested maps merge recursively. Used by the matrix generator.
     */
    @SuppressWarnings("unchecked")
    static void mergeFill(Map<String, Object> dst, Map<String, Object> src) {
        src.forEach((k, v) -> {
            Object existing = dst.get(k);
            if (existing instanceof Map<?, ?> dm && v instanceof Map<?, ?> sm) {
                mergeFill((Map<String, Object>) dm, (Map<String, Object>) sm);
            } else if (!dst.containsKey(k) || GoValues.empty(existing)) {
                dst.put(k, GoValues.copy(v));
            }
        });
    }

    /**
     * {@code mergo.Merge(dst, src, WithOverride)}: non-empty {@code src} values replace those in
     * {@code dst}; nested maps merge recursively. Used by the merge generator in goTemplate mode.
     */
    @SuppressWarnings("unchecked")
    static void mergeOverride(Map<String, Object> dst, Map<String, Object> src) {
        src.forEach((k, v) -> {
            Object existing = dst.get(k);
            if (existing instanceof Map<?, ?> dm && v instanceof Map<?, ?> sm) {
                mergeOverride((Map<String, Object>) dm, (Map<String, Object>) sm);
            } else if (!GoValues.empty(v) || !dst.containsKey(k)) {
                dst.put(k, GoValues.copy(v));
            }
        });
    }

    /** Top-level string params: what the post selector and fasttemplate can see. */
    static Map<String, String> stringValues(Map<String, Object> params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v instanceof String s) {
                out.put(k, s);
            }
        });
        return out;
    }
}
