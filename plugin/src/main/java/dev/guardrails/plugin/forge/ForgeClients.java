package dev.guardrails.plugin.forge;

import dev.guardrails.plugin.config.GitHubSettings;
import dev.guardrails.plugin.config.GitLabSettings;
import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewSettings;
import dev.guardrails.scanner.source.GitCheckout;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;

/**
 * The configured forge clients, built once from the settings so the GitHub App's installation
 * tokens are cached across reviews. A request naming another API root than the configured one is
 * refused: tokens are only ever sent to the configured host.
 */
@Singleton
public final class ForgeClients {

    private final GitHubClient github;
    private final GitLabClient gitlab;
    private final boolean githubConfigured;
    private final boolean gitlabConfigured;

    @Inject
    public ForgeClients(GitHubSettings github, GitLabSettings gitlab, ReviewSettings review) {
        this(github, gitlab, review, RetryPolicy.defaults(), Clock.systemUTC());
    }

    public ForgeClients(GitHubSettings github, GitLabSettings gitlab, ReviewSettings review, RetryPolicy retry,
                        Clock clock) {
        ApiHttp http = new ApiHttp(retry);
        GitHubAuth auth = githubAuth(github, clock);
        this.github = new GitHubClient(github.apiUrlOrDefault(), auth, http, github.commitStatus());
        this.gitlab = new GitLabClient(gitlab.apiUrlOrDefault(), gitlab.token(), http,
                review == null ? null : review.statusTargetUrl());
        this.githubConfigured = auth.configured();
        this.gitlabConfigured = gitlab.token() != null && !gitlab.token().isBlank();
    }

    private static GitHubAuth githubAuth(GitHubSettings s, Clock clock) {
        if (s.appId() != null && !s.appId().isBlank()) {
            if (s.privateKeyPath() == null || s.privateKeyPath().isBlank()) {
                throw new IllegalStateException("guardrails.github.app-id is set but guardrails.github.private-key-path is not");
            }
            try {
                return GitHubAuth.app(s.appId().strip(), PemKeys.readRsa(Files.readString(Path.of(s.privateKeyPath()))), clock);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the GitHub App private key file " + s.privateKeyPath()
                        + ": " + e.getClass().getSimpleName());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("GitHub App private key " + s.privateKeyPath() + ": " + e.getMessage());
            }
        }
        if (s.token() != null && !s.token().isBlank()) {
            return GitHubAuth.token(s.token().strip());
        }
        return GitHubAuth.none();
    }

    public ForgeClient client(Forge forge) {
        return forge == Forge.GITHUB ? github : gitlab;
    }

    /** Whether credentials are configured for the forge (the reconciler skips forges without). */
    public boolean configured(Forge forge) {
        return forge == Forge.GITHUB ? githubConfigured : gitlabConfigured;
    }

    /**
     * The client for a request's forge, checking the request names the configured API root.
     *
     * @throws IllegalArgumentException for another API root
     */
    public ForgeClient clientFor(Forge forge, String apiBaseUrl) {
        ForgeClient client = client(forge);
        if (apiBaseUrl != null && !apiBaseUrl.isBlank()
                && !apiBaseUrl.replaceAll("/+$", "").equalsIgnoreCase(client.apiBaseUrl())) {
            throw new IllegalArgumentException("request for " + GitCheckout.redact(apiBaseUrl) + " but " + forge
                    + " is configured for " + client.apiBaseUrl());
        }
        return client;
    }
}
