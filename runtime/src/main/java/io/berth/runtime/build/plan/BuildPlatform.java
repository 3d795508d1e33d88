package io.berth.runtime.build.plan;

/**
 * An OCI platform: os, architecture and variant ("" when none), e.g. linux/arm64/v8.
 */
public record BuildPlatform(String os, String architecture, String variant) {
    public BuildPlatform {
        variant = variant == null ? "" : variant;
    }

    /** {@code os/arch} or {@code os/arch/variant}. */
    @Override
    public String toString() {
        return variant.isEmpty() ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
    }

    /** Parses {@code os/arch[/variant]}; throws IllegalArgumentException otherwise. */
    public static BuildPlatform parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("not a platform (want os/arch[/variant]): " + text);
        }
        return new BuildPlatform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    /** The platform of this machine, named as image indexes name it. */
    public static BuildPlatform host() {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "arm" -> "arm";
            default -> System.getProperty("os.arch");
        };
        return new BuildPlatform("linux", arch, "");
    }
}
