package dev.guardrails.argocd.app;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The build environment Argo CD substitutes into helm parameters, value-file paths and kustomize
 * images and labels ({@code newEnv} in the repo-server; {@code Env.Envsubst}): {@code $VAR} and
 * {@code ${VAR}}, unknown names become empty, {@code $$} is a literal {@code $}, as Go's
 * {@code os.Expand}.
 */
public final class BuildEnv {

    private final Map<String, String> values;

    public BuildEnv(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The variables for one source of one app. */
    public static BuildEnv of(Application app, ApplicationSource source, String revision, String kubeVersion) {
        Map<String, String> env = new LinkedHashMap<>();
        String rev = revision == null ? "" : revision;
        env.put("ARGOCD_APP_NAME", app.name());
        env.put("ARGOCD_APP_NAMESPACE", nz(app.destination().namespace()));
        env.put("ARGOCD_APP_PROJECT_NAME", app.project());
        env.put("ARGOCD_APP_REVISION", rev);
        env.put("ARGOCD_APP_REVISION_SHORT", rev.length() > 7 ? rev.substring(0, 7) : rev);
        env.put("ARGOCD_APP_REVISION_SHORT_8", rev.length() > 8 ? rev.substring(0, 8) : rev);
        env.put("ARGOCD_APP_SOURCE_REPO_URL", nz(source.repoURL()));
        env.put("ARGOCD_APP_SOURCE_PATH", nz(source.path()));
        env.put("ARGOCD_APP_SOURCE_TARGET_REVISION", nz(source.targetRevision()));
        env.put("KUBE_VERSION", nz(kubeVersion));
        env.put("KUBE_API_VERSIONS", "");
        return new BuildEnv(env);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Substitutes variables like Go's {@code os.Expand} with this environment. */
    public String substitute(String text) {
        if (text == null || text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    // bad syntax: Go eats "${" and the rest is kept
                    i += 2;
                    continue;
                }
                String name = text.substring(i + 2, close);
                if (!name.isEmpty()) {
                    out.append(lookup(name));
                }
                i = close + 1;
            } else if (isSpecial(next)) {
                out.append(lookup(String.valueOf(next)));
                i += 2;
            } else if (isNameChar(next)) {
                int end = i + 1;
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
                out.append(lookup(text.substring(i + 1, end)));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String lookup(String name) {
        return name.equals("$") ? "$" : values.getOrDefault(name, "");
    }

    private static boolean isSpecial(char c) {
        return "*#$@!?-".indexOf(c) >= 0 || (c >= '0' && c <= '9');
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c) && c < 128;
    }
}
