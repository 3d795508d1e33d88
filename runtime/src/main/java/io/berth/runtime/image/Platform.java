package io.berth.runtime.image;

/** The host's OS and architecture, named as OCI image configs and indexes name them. */
final class Platform {
    static final String OS = "linux";

    private Platform() {
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
}
