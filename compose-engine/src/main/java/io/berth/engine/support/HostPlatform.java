package io.berth.engine.support;

import java.util.Locale;

/** The platform containers run on here, in OCI words (linux/amd64, linux/arm64). */
final class HostPlatform {
    private HostPlatform() {
    }

    static String name() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return "linux/" + switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    /** True for "linux/amd64", "linux/amd64/v2", "amd64" on an amd64 host; case ignored. */
    static boolean matches(String platform) {
        if (platform == null || platform.isBlank()) {
            return true;
        }
        String wanted = platform.strip().toLowerCase(Locale.ROOT);
        String host = name();
        return wanted.equals(host) || wanted.startsWith(host + "/") || ("linux/" + wanted).equals(host);
    }
}
