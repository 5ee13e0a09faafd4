package dev.guardrails.argocd.app;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Which {@code repoURL}s mean "the checkout being scanned": the checkout's {@code origin} remote
 * and URLs the user names ({@code --repo-url}). Sources from any other repository cannot be read
 * offline and are skipped with a note.
 *
 * <p>URLs are compared in a normal form, so {@code git@github.com:org/repo.git},
 * {@code ssh://git@github.com/org/repo} and {@code https://GitHub.com/org/repo/} are one repo.
 */
public final class RepoIdentity implements Predicate<String> {

    private final List<String> urls;
    private final Set<String> normalized = new LinkedHashSet<>();

    public RepoIdentity(List<String> urls) {
        this.urls = List.copyOf(urls);
        for (String url : urls) {
            String n = normalize(url);
            if (!n.isEmpty()) {
                normalized.add(n);
            }
        }
    }

    /** The origin remote of the Git repository holding {@code workTree} (if any) plus {@code extra}. */
    public static RepoIdentity of(Path workTree, List<String> extra) {
        List<String> urls = new ArrayList<>();
        originUrl(workTree).ifPresent(urls::add);
        if (extra != null) {
            extra.stream().filter(u -> u != null && !u.isBlank()).forEach(urls::add);
        }
        return new RepoIdentity(urls);
    }

    /** The {@code remote.origin.url} of the repository containing {@code workTree}. */
    public static Optional<String> originUrl(Path workTree) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(workTree.toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repo = builder.build()) {
            String url = repo.getConfig().getString("remote", "origin", "url");
            return Optional.ofNullable(url).filter(u -> !u.isBlank());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The URLs as given, for messages. */
    public List<String> urls() {
        return urls;
    }

    /** True when {@code repoURL} names this checkout. */
    @Override
    public boolean test(String repoURL) {
        return repoURL != null && normalized.contains(normalize(repoURL));
    }

    /**
     * {@code host/path} with the host lower-cased and scheme, user info, port, trailing {@code /}
     * and {@code .git} removed; local paths and {@code file://} URLs keep their path.
     */
    public static String normalize(String url) {
        if (url == null) {
            return "";
        }
        String u = url.strip();
        String host;
        String path;
        int scheme = u.indexOf("://");
        if (scheme < 0 && u.matches("^[^/@:]+@[^/:]+:.*")) {
            // scp-like ssh: git@host:org/repo
            String afterAt = u.substring(u.indexOf('@') + 1);
            host = afterAt.substring(0, afterAt.indexOf(':'));
            path = afterAt.substring(afterAt.indexOf(':') + 1);
        } else if (scheme > 0) {
            String schemeName = u.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (schemeName.equals("file")) {
                return "file:" + trim(u.substring(scheme + 3));
            }
            try {
                URI uri = new URI(u);
                host = uri.getHost();
                path = uri.getPath();
                if (host == null) {
                    String rest = u.substring(scheme + 3);
                    rest = rest.substring(rest.indexOf('@') + 1);
                    int slash = rest.indexOf('/');
                    host = slash < 0 ? rest : rest.substring(0, slash);
                    path = slash < 0 ? "" : rest.substring(slash);
                    host = host.replaceFirst(":\\d*$", "");
                }
            } catch (URISyntaxException e) {
                return trim(u);
            }
        } else {
            return "file:" + trim(u);
        }
        return host.toLowerCase(Locale.ROOT) + "/" + trim(path == null ? "" : path.replaceFirst("^/+", ""));
    }

    private static String trim(String path) {
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.endsWith(".git")) {
            p = p.substring(0, p.length() - 4);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    @Override
    public String toString() {
        return urls.isEmpty() ? "(no repo URL known)" : String.join(", ", urls);
    }
}
