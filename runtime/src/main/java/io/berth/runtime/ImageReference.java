package io.berth.runtime;

/**
 * An image reference parsed like Docker's: "busybox" is docker.io/library/busybox:latest.
 * {@code tag} may be null when a digest is given. (Full parsing rules: images work.)
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
    public static final String DOCKER_HUB = "docker.io";

    public static ImageReference parse(String text) {
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Digest.parse(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
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
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** The full form: docker.io/library/busybox:latest. */
    public String canonical() {
        return registry + "/" + repository + (tag == null ? "" : ":" + tag)
                + (digest == null ? "" : "@" + digest);
    }

    /** The short form Docker shows: busybox:latest, localhost:5000/app:1. */
    public String familiar() {
        String repo = repository;
        if (registry.equals(DOCKER_HUB)) {
            repo = repo.startsWith("library/") ? repo.substring("library/".length()) : repo;
        } else {
            repo = registry + "/" + repo;
        }
        return repo + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    @Override
    public String toString() {
        return familiar();
    }
}
