package dev.guardrails.plugin.review;

import dev.guardrails.plugin.config.GitHubSettings;
import dev.guardrails.plugin.config.GitLabSettings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where reviews may clone from. A webhook payload names its clone URLs, and whoever can sign or
 * replay one could otherwise point the bot at an internal address (SSRF). Allowed: the hosts of
 * the configured forges (github.com for api.github.com; the API host for GitHub Enterprise and
 * GitLab), plus the entries of {@code guardrails.review.clone-hosts}: a host name ({@code host} or
 * {@code host:port}), or a URL prefix ({@code https://mirror.example.com/git/}, or a {@code file:}
 * prefix for local mirrors). Host names are compared exactly; URLs with user info are refused.
 */
@Singleton
public final class CloneHosts {

    private final Set<String> hosts = new LinkedHashSet<>();
    private final List<String> prefixes = new ArrayList<>();
    private final boolean plainHttp;

    @Inject
    public CloneHosts(GitHubSettings github, GitLabSettings gitlab,
                      @Value("${guardrails.review.clone-hosts:}") List<String> extra) {
        this(List.of(github.apiUrlOrDefault(), gitlab.apiUrlOrDefault()), extra);
    }

    /**
     * @param apiUrls forge API roots whose hosts are allowed
     * @param extra   further host names or URL prefixes
     */
    public CloneHosts(List<String> apiUrls, List<String> extra) {
        boolean http = false;
        for (String api : apiUrls) {
            URI uri = URI.create(api);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            if (host == null) {
                continue;
            }
            http |= "http".equals(uri.getScheme());
            // github.com serves its API from api.github.com, Enterprise and GitLab from the web host.
            hosts.add(hostPort("api.github.com".equals(host) ? "github.com" : host, uri.getPort()));
        }
        for (String e : extra == null ? List.<String>of() : extra) {
            String entry = e == null ? "" : e.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("://")) {
                prefixes.add(entry);
            } else {
                hosts.add(entry.toLowerCase(Locale.ROOT));
            }
        }
        this.plainHttp = http;
    }

    /** Why the request's clone URLs may not be used, or null when they may. */
    public String refusal(ReviewRequest request) {
        for (String url : new String[] {request.baseCloneUrl(), request.headCloneUrl()}) {
            if (url != null && !allowed(url)) {
                return "clone URL " + describe(url) + " is not on an allowed forge host " + hosts
                        + " (guardrails.review.clone-hosts)";
            }
        }
        return null;
    }

    boolean allowed(String url) {
        URI uri;
        try {
            uri = new URI(url).normalize();
        } catch (Exception e) {
            return false;
        }
        if (uri.getRawUserInfo() != null || uri.getRawPath() == null || uri.getRawPath().contains("..")) {
            return false;
        }
        String normalized = uri.toString();
        for (String prefix : prefixes) {
            if (normalized.startsWith(prefix)) {
                return true;
            }
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme) && plainHttp)) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        int defaultPort = "https".equals(scheme) ? 443 : 80;
        return hosts.contains(hostPort(host, port == defaultPort ? -1 : port))
                || port == -1 && hosts.contains(hostPort(host, defaultPort));
    }

    private static String hostPort(String host, int port) {
        return port < 0 ? host : host + ":" + port;
    }

    /** The URL without user info or query, short enough for a delivery log. */
    private static String describe(String url) {
        String s = url.replaceAll("(?<=://)[^/@\\s]*@", "***@").replaceAll("[?#].*$", "");
        return "'" + (s.length() > 200 ? s.substring(0, 200) + "..." : s) + "'";
    }
}
