package dev.guardrails.argocd.cmp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the plugin runs: Argo CD extracts the repo into a temporary work dir and starts generate in
 * {@code <workdir>/<ARGOCD_APP_SOURCE_PATH>}. The repo root is therefore the app dir minus the
 * source path; anything that would put it outside the app dir's ancestors is refused.
 *
 * @param repoRoot the extracted repo (real path)
 * @param appDir   the app dir (real path)
 * @param appPath  app dir relative to the repo root, {@code /}-separated, {@code .} for the root
 */
public record CmpWorkspace(Path repoRoot, Path appDir, String appPath) {

    /** Resolves the repo root from the app dir (usually the current directory) and the source path. */
    public static CmpWorkspace locate(Path appDir, CmpEnvironment env) throws CmpContractException {
        Path dir;
        try {
            dir = appDir.toRealPath();
        } catch (IOException e) {
            throw new CmpContractException("app directory " + appDir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new CmpContractException("app directory " + appDir + " is not a directory");
        }
        String appPath = env.normalizedSourcePath();
        if (appPath.equals(".")) {
            return new CmpWorkspace(dir, dir, ".");
        }
        Path relative = Path.of(appPath).normalize();
        if (relative.isAbsolute() || relative.toString().isEmpty() || relative.startsWith("..")
                || appPath.contains("/../") || appPath.endsWith("/..") || appPath.startsWith("../")) {
            throw new CmpContractException("ARGOCD_APP_SOURCE_PATH '" + env.sourcePath()
                    + "' escapes the repository");
        }
        Path root = dir;
        for (int i = relative.getNameCount() - 1; i >= 0; i--) {
            if (root == null || root.getFileName() == null
                    || !root.getFileName().toString().equals(relative.getName(i).toString())) {
                throw new CmpContractException("working directory " + dir + " does not end with ARGOCD_APP_SOURCE_PATH '"
                        + env.sourcePath() + "': cannot find the repository root");
            }
            root = root.getParent();
        }
        if (root == null || !dir.startsWith(root)) {
            throw new CmpContractException("ARGOCD_APP_SOURCE_PATH '" + env.sourcePath() + "' escapes the repository");
        }
        return new CmpWorkspace(root, dir, relative.toString().replace('\\', '/'));
    }
}
