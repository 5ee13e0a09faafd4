package dev.guardrails.plugin.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Links to files of the reviewed repository at the head commit: GitHub
 * {@code <repo>/blob/<sha>/<path>#L<n>}, GitLab {@code <project>/-/blob/<sha>/<path>#L<n>}. The
 * repository's web URL comes from its HTTPS clone URL (minus {@code .git}), else from the API root
 * ({@code api.github.com} to {@code github.com}, {@code /api/v3} or {@code /api/v4} dropped).
 *
 * @param web  repository web URL without trailing slash, or null when none can be derived (no links)
 * @param sha  head commit
 */
record RepoLinks(Forge forge, String web, String sha) {

    static RepoLinks of(ReviewRequest r, String headSha) {
        return new RepoLinks(r.forge(), webUrl(r), headSha);
    }

    static String webUrl(ReviewRequest r) {
        String clone = r.baseCloneUrl();
        if (clone != null && (clone.startsWith("https://") || clone.startsWith("http://")) && !clone.contains("@")) {
            return clone.replaceAll("/+$", "").replaceAll("\\.git$", "");
        }
        String api = r.apiBaseUrl() == null ? "" : r.apiBaseUrl().replaceAll("/+$", "");
        if (!api.startsWith("https://") && !api.startsWith("http://") || r.repository() == null) {
            return null;
        }
        String host = api.replace("://api.github.com", "://github.com").replaceAll("/api/v[34]$", "");
        return host + "/" + r.repository();
    }

    /** Link to a file (and line, when positive) at the head, or null when there is no web URL. */
    String file(String path, int line) {
        if (web == null || path == null || path.isEmpty() || sha == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(web).append(forge == Forge.GITLAB ? "/-/blob/" : "/blob/").append(sha);
        for (String part : path.split("/")) {
            b.append('/').append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (line > 0) {
            b.append("#L").append(line);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "RepoLinks[" + forge.name().toLowerCase(Locale.ROOT) + " " + web + "@" + sha + "]";
    }
}
