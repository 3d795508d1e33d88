package io.berth.runtime;

import java.util.regex.Pattern;

/**
 * An image reference parsed like Docker's (github.com/distribution/reference, ParseNormalizedNamed):
 * "busybox" is docker.io/library/busybox:latest, "localhost:5000/app" is a registry on
 * localhost:5000. {@code tag} is null when only a digest is given; both may be set.
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final int NAME_TOTAL_LENGTH_MAX = 255;

    // The grammar of distribution/reference's regexp.go, piece by piece.
    private static final String ALPHA_NUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALPHA_NUMERIC + "(?:" + SEPARATOR + ALPHA_NUMERIC + ")*";
    private static final Pattern REMOTE_NAME = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|" + IPV6 + ")(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern ANCHORED_ID = Pattern.compile("[a-f0-9]{64}");

    public ImageReference {
        if (registry == null || repository == null) {
            throw new IllegalArgumentException("an image reference needs a registry and a repository");
        }
    }

    /**
     * Parses {@code text} as Docker does, or throws {@link IllegalArgumentException} with
     * Docker's reason ("invalid reference format: repository name must be lowercase").
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text, "invalid reference format");
        }
        if (ANCHORED_ID.matcher(text).matches()) {
            throw invalid(text, "invalid repository name, cannot specify 64-byte hexadecimal strings");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw invalid(text, "invalid reference format: bad digest (want sha256:<64 lowercase hex>)");
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, "invalid reference format: bad tag \"" + tag + "\"");
            }
        }
        if (rest.length() > NAME_TOTAL_LENGTH_MAX) {
            throw invalid(text, "invalid reference format: repository name must not be more than 255 characters");
        }
        String registry = DOCKER_HUB;
        String remote = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            boolean looksLikeDomain = first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.toLowerCase(java.util.Locale.ROOT).equals(first);
            if (looksLikeDomain) {
                registry = first;
                remote = rest.substring(slash + 1);
                if (!DOMAIN.matcher(registry).matches()) {
                    throw invalid(text, "invalid reference format: bad registry \"" + registry + "\"");
                }
            }
        }
        if (registry.equals("index.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (!remote.toLowerCase(java.util.Locale.ROOT).equals(remote)) {
            throw invalid(text, "invalid reference format: repository name must be lowercase");
        }
        if (!REMOTE_NAME.matcher(remote).matches()) {
            throw invalid(text, "invalid reference format");
        }
        if (registry.equals(DOCKER_HUB) && !remote.contains("/")) {
            remote = "library/" + remote;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry, remote, tag, digest);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException(why + ": \"" + text + "\"");
    }

    /** The same repository with another tag and no digest. */
    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, repository, newTag, null);
    }

    /** registry/repository, e.g. docker.io/library/busybox. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The repository as Docker shows it: busybox, localhost:5000/app. */
    public String familiarName() {
        if (registry.equals(DOCKER_HUB)) {
            return repository.startsWith("library/") ? repository.substring("library/".length()) : repository;
        }
        return registry + "/" + repository;
    }

    /** The full form: docker.io/library/busybox:latest. */
    public String canonical() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** The short form Docker shows: busybox:latest, localhost:5000/app:1. */
    public String familiar() {
        return familiarName() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    @Override
    public String toString() {
        return familiar();
    }
}
