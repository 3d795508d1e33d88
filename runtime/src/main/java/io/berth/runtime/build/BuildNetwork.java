package io.berth.runtime.build;

/** The network of RUN steps: docker build's --network default|none|host. */
public enum BuildNetwork {
    /** A build bridge of Berth's own with NAT to the outside, as docker build does. */
    DEFAULT,
    /** Only a loopback interface. */
    NONE,
    /** The host's network namespace. */
    HOST;

    /** Parses "default", "none" or "host" (Compose's build.network; "bridge" is taken as default). */
    public static BuildNetwork parse(String text) {
        return switch (text) {
            case "default", "bridge" -> DEFAULT;
            case "none" -> NONE;
            case "host" -> HOST;
            default -> throw new IllegalArgumentException(
                    "build network \"" + text + "\" is not supported (use default, none or host)");
        };
    }
}
