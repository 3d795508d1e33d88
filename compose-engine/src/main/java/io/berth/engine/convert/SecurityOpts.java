package io.berth.engine.convert;

import io.berth.engine.EngineException;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.runtime.SecurityChecks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's {@code security_opt} for the runtime: {@code seccomp=FILE} (or {@code seccomp:FILE})
 * becomes {@code seccomp=<the file's JSON>}, the file read relative to the project directory, as
 * the Docker CLI sends a profile's content rather than its path; everything is checked here, so a
 * bad option or profile stops {@code up} before anything is made.
 */
final class SecurityOpts {
    /** Docker's profiles are ~15 KB; a bound keeps a mistaken path (a log, /dev/zero) harmless. */
    private static final long MAX_PROFILE_BYTES = 1 << 20;

    private SecurityOpts() {
    }

    static List<String> of(Project project, Service service) {
        List<String> result = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String option : service.securityOpt()) {
            String trimmed = option.trim();
            boolean seccomp = trimmed.startsWith("seccomp=") || trimmed.startsWith("seccomp:");
            String value = seccomp ? trimmed.substring("seccomp=".length()).trim() : null;
            if (seccomp && !value.equals("unconfined") && !value.isEmpty()) {
                try {
                    result.add("seccomp=" + profile(project, service, value));
                } catch (EngineException e) {
                    problems.add(e.getMessage());
                }
            } else {
                result.add(trimmed);
            }
        }
        try {
            SecurityChecks.checkOptions(result);
        } catch (IllegalArgumentException e) {
            problems.add("service " + service.name() + ": " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new EngineException(String.join("\n", problems)); // every problem at once
        }
        return List.copyOf(result);
    }

    private static String profile(Project project, Service service, String file) {
        Path path = project.workingDir().resolve(file).normalize();
        String where = "service " + service.name() + ": security_opt: seccomp=" + file + ": ";
        String json;
        try {
            if (!Files.isRegularFile(path)) {
                throw new EngineException(where + path + " is not a file");
            }
            if (Files.size(path) > MAX_PROFILE_BYTES) {
                throw new EngineException(where + path + " is larger than 1 MiB: not a seccomp profile");
            }
            json = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException(where + "cannot read " + path + ": " + e.getMessage(), e);
        }
        try {
            SecurityChecks.checkSeccompProfile(json);
        } catch (IllegalArgumentException e) {
            throw new EngineException(where + path + ": " + e.getMessage());
        }
        return json;
    }
}
