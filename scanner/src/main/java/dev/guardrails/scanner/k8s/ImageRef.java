package dev.guardrails.scanner.k8s;

/**
 * A container image reference split the way the container runtime reads it:
 * {@code [registry/]repository[:tag][@digest]}. A first segment counts as a registry only if it
 * contains a dot or a colon or is {@code localhost}; otherwise the image is on Docker Hub.
 */
public record ImageRef(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";

    public static ImageRef parse(String image) {
        String rest = image.trim();
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon >= 0 && colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    public boolean hasDigest() {
        return !digest.isEmpty();
    }

    /** Fully qualified name without tag or digest, e.g. {@code docker.io/library/nginx}. */
    public String name() {
        return registry + "/" + repository;
    }
}
