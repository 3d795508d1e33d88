package io.berth.runtime;

import io.berth.runtime.seccomp.SeccompProfile;
import io.berth.runtime.seccomp.SecurityOptions;
import java.util.List;

/**
 * The runtime's checks of a container's {@code security_opt}, for the engine to run before it makes
 * anything: the same parsers the launch uses, behind the public package.
 */
public final class SecurityChecks {
    private SecurityChecks() {
    }

    /** Throws IllegalArgumentException naming what the runtime cannot honour. */
    public static void checkOptions(List<String> securityOpt) {
        SecurityOptions.parse(securityOpt);
    }

    /** Throws IllegalArgumentException when the JSON is not a seccomp profile the runtime can load. */
    public static void checkSeccompProfile(String json) {
        SeccompProfile.parse(json);
    }
}
