package io.berth.runtime.seccomp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A container's {@code security_opt} as Docker reads it: {@code seccomp=unconfined}, {@code
 * seccomp=PROFILE-JSON} (the engine has read the file, as the Docker CLI sends its content),
 * {@code no-new-privileges[=|:true|false]}; {@code apparmor=unconfined} and {@code label=disable}
 * are what Berth does anyway (it applies no LSM); anything else is refused.
 *
 * @param profileJson null: Berth's default policy (DefaultPolicy, equivalent to Docker's default)
 */
public record SecurityOptions(boolean unconfined, String profileJson, boolean noNewPrivileges) {
    private static final Map<List<Object>, SeccompProgram> COMPILED = new ConcurrentHashMap<>();

    /** Throws IllegalArgumentException listing every option it cannot honour. */
    public static SecurityOptions parse(List<String> options) {
        boolean unconfined = false;
        String profile = null;
        boolean noNewPrivileges = false;
        List<String> problems = new ArrayList<>();
        for (String option : options) {
            int separator = separator(option);
            String key = (separator < 0 ? option : option.substring(0, separator)).trim().toLowerCase(Locale.ROOT);
            String value = separator < 0 ? null : option.substring(separator + 1).trim();
            switch (key) {
                case "no-new-privileges" -> {
                    if (value == null || value.equalsIgnoreCase("true")) {
                        noNewPrivileges = true;
                    } else if (value.equalsIgnoreCase("false")) {
                        noNewPrivileges = false;
                    } else {
                        problems.add(option + ": no-new-privileges takes true or false");
                    }
                }
                case "seccomp" -> {
                    if (value == null || value.isEmpty()) {
                        problems.add(option + ": seccomp needs unconfined or a profile");
                    } else if (value.equals("unconfined")) {
                        unconfined = true;
                        profile = null;
                    } else {
                        unconfined = false;
                        profile = value;
                    }
                }
                case "apparmor", "label" -> {
                    if (!"unconfined".equals(value) && !"disable".equals(value)) {
                        problems.add(option + ": " + key + " profiles are not supported by berth (it applies no"
                                + " AppArmor or SELinux label; only " + key + "=" + (key.equals("label") ? "disable"
                                : "unconfined") + " is accepted)");
                    }
                }
                default -> problems.add(option + ": not supported by berth (seccomp=unconfined|PROFILE,"
                        + " no-new-privileges)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("security_opt: " + String.join("; ", problems));
        }
        return new SecurityOptions(unconfined, profile, noNewPrivileges);
    }

    /** '=' or, as Docker still accepts, ':' (never inside a JSON profile: the first of them wins). */
    private static int separator(String option) {
        int equals = option.indexOf('=');
        int colon = option.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }

    /**
     * The filter for a container with these capabilities (its bounding set); null when it runs
     * unconfined: {@code seccomp=unconfined} or privileged, as Docker.
     */
    public SeccompProgram program(boolean privileged, Collection<String> capabilities) {
        if (unconfined || privileged) {
            return null;
        }
        SyscallTable table = SyscallTable.host().orElseThrow(() -> new IllegalArgumentException(
                "seccomp: berth has no system call table for " + System.getProperty("os.arch")
                        + " (x86_64 and aarch64 only): run with security_opt: [seccomp=unconfined]"));
        List<Object> key = List.of(profileJson == null ? "" : profileJson, List.copyOf(capabilities));
        return COMPILED.computeIfAbsent(key, k -> {
            SeccompProfile profile;
            try {
                profile = profileJson == null ? DefaultPolicy.get() : SeccompProfile.parse(profileJson);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("security_opt: seccomp profile: " + e.getMessage(), e);
            }
            return SeccompCompiler.compile(profile, capabilities, table, kernelRelease());
        });
    }

    private static String kernelRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            return System.getProperty("os.version");
        }
    }
}
