package io.berth.model;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link ProjectLoader} needs to know, as the command line and environment say it.
 *
 * @param workingDir    directory the command runs in (file discovery starts here)
 * @param configFiles   {@code -f} values in order ({@code -} is stdin); empty for COMPOSE_FILE or discovery
 * @param projectDirectory {@code --project-directory}, or null
 * @param projectName   {@code -p}, or null
 * @param envFiles      {@code --env-file} values; empty for COMPOSE_ENV_FILES or {@code .env}
 * @param profiles      {@code --profile} values; empty for COMPOSE_PROFILES
 * @param environment   the process environment (wins over env files)
 * @param interpolate   false for {@code config --no-interpolate}
 * @param stdin         read for {@code -f -}
 * @param requestedServices services named on the command line: enabled whatever their profiles
 */
public record LoadOptions(
        Path workingDir,
        List<String> configFiles,
        Path projectDirectory,
        String projectName,
        List<String> envFiles,
        List<String> profiles,
        Map<String, String> environment,
        boolean interpolate,
        InputStream stdin,
        List<String> requestedServices) {

    /** Defaults: discover files from {@code workingDir}, interpolate, no profiles. */
    public static LoadOptions of(Path workingDir, Map<String, String> environment) {
        return new LoadOptions(workingDir, List.of(), null, null, List.of(), List.of(), environment, true,
                System.in, List.of());
    }

    public LoadOptions withConfigFiles(List<String> files) {
        return new LoadOptions(workingDir, List.copyOf(files), projectDirectory, projectName, envFiles, profiles,
                environment, interpolate, stdin, requestedServices);
    }

    public LoadOptions withProjectDirectory(Path directory) {
        return new LoadOptions(workingDir, configFiles, directory, projectName, envFiles, profiles,
                environment, interpolate, stdin, requestedServices);
    }

    public LoadOptions withProjectName(String name) {
        return new LoadOptions(workingDir, configFiles, projectDirectory, name, envFiles, profiles,
                environment, interpolate, stdin, requestedServices);
    }

    public LoadOptions withEnvFiles(List<String> files) {
        return new LoadOptions(workingDir, configFiles, projectDirectory, projectName, List.copyOf(files), profiles,
                environment, interpolate, stdin, requestedServices);
    }

    public LoadOptions withProfiles(List<String> names) {
        return new LoadOptions(workingDir, configFiles, projectDirectory, projectName, envFiles, List.copyOf(names),
                environment, interpolate, stdin, requestedServices);
    }

    public LoadOptions withInterpolation(boolean enabled) {
        return new LoadOptions(workingDir, configFiles, projectDirectory, projectName, envFiles, profiles,
                environment, enabled, stdin, requestedServices);
    }

    public LoadOptions withStdin(InputStream input) {
        return new LoadOptions(workingDir, configFiles, projectDirectory, projectName, envFiles, profiles,
                environment, interpolate, input, requestedServices);
    }

    public LoadOptions withRequestedServices(List<String> serviceNames) {
        return new LoadOptions(workingDir, configFiles, projectDirectory, projectName, envFiles, profiles,
                environment, interpolate, stdin, List.copyOf(serviceNames));
    }
}
