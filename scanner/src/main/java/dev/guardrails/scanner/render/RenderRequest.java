package dev.guardrails.scanner.render;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One app to render.
 *
 * @param repoRoot  the checkout; nothing outside it may be read
 * @param appPath   repo-relative app dir with {@code /} separators; {@code .} is the root
 * @param type      which renderer applies
 * @param appName   app name; helm's default release name
 * @param namespace destination namespace; {@code null} leaves the tool's default
 * @param helm      helm settings ({@code null} = defaults)
 * @param kustomize kustomize settings ({@code null} = defaults)
 * @param directory directory settings ({@code null} = defaults)
 */
public record RenderRequest(Path repoRoot, String appPath, SourceType type, String appName, String namespace,
                            HelmOptions helm, KustomizeOptions kustomize, DirectoryOptions directory) {

    public RenderRequest {
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(type, "type");
        appPath = appPath == null || appPath.isBlank() ? "." : appPath;
        appName = appName == null || appName.isBlank() ? appPath : appName;
        helm = helm == null ? HelmOptions.defaults() : helm;
        kustomize = kustomize == null ? KustomizeOptions.defaults() : kustomize;
        directory = directory == null ? DirectoryOptions.defaults() : directory;
    }
}
