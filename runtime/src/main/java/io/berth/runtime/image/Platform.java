package io.berth.runtime.image;

/** The host's OS and architecture, named as OCI image configs and indexes name them. */
public final class Platform {
    static final String OS = "linux";

    private Platform() {
    }

    /** This host's platform in OCI words: linux/amd64, linux/arm64. */
    public static String host() {
        return OS + "/" + architecture();
    }

    /**
     * True when {@code platform} ({@code os/architecture[/variant]}, as {@link #of} makes it; an
     * empty part means unnamed) runs here: the variant is not compared, as a pull does not either.
     */
    public static boolean runsHere(String platform) {
        String[] parts = platform.split("/", -1);
        String os = parts[0];
        String arch = parts.length > 1 ? parts[1] : "";
        return (os.isEmpty() || os.equals(OS)) && (arch.isEmpty() || arch.equals(architecture()));
    }

    /** An image config's platform, {@code os/architecture[/variant]}; empty when it names neither. */
    static String of(com.fasterxml.jackson.databind.JsonNode config) {
        String os = config.path("os").asText("");
        String arch = config.path("architecture").asText("");
        String variant = config.path("variant").asText("");
        if (os.isEmpty() && arch.isEmpty()) {
            return "";
        }
        return os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
    }

    static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> arch;
        };
    }

    /**
     * Refuses an image whose config names another OS or architecture than the host's: Berth runs
     * images natively only (no emulation), and its command would fail with "exec format error".
     * A config that names none is taken as the host's.
     */
    static void requireRunnable(com.fasterxml.jackson.databind.JsonNode config, String what) throws java.io.IOException {
        String os = config.path("os").asText("");
        String arch = config.path("architecture").asText("");
        if ((!os.isEmpty() && !os.equals(OS)) || (!arch.isEmpty() && !arch.equals(architecture()))) {
            throw new java.io.IOException(what + " is an image for " + (os.isEmpty() ? OS : os) + "/"
                    + (arch.isEmpty() ? architecture() : arch) + "; berth runs " + OS + "/" + architecture()
                    + " images only (no emulation of other platforms)");
        }
    }
}
