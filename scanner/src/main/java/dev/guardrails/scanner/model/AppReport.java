package dev.guardrails.scanner.model;

/**
 * What happened to one app of a scan.
 *
 * @param name        app name
 * @param path        repo-relative path of its source
 * @param type        how it was rendered: helm, kustomize, directory
 * @param objectCount rendered objects checked
 * @param renderMillis time spent rendering
 * @param error       why rendering failed, or null (a failed render is also a {@code render-failed} finding)
 */
public record AppReport(String name, String path, String type, int objectCount, long renderMillis, String error) {

    public boolean failed() {
        return error != null;
    }
}
