package io.berth.model.discovery;

import io.berth.model.env.ProjectEnvironment;
import io.berth.model.files.ComposeFileLocator;
import io.berth.model.files.ComposeFiles;
import io.berth.model.files.ProjectFiles;
import io.berth.model.naming.ProjectName;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a project's environment, Compose files and profiles in the order Docker Compose v2 does
 * ({@code cmd/compose} {@code toProjectOptions}):
 * <ol>
 * <li>check {@code -p}; add {@code PWD} (the current directory) when the process environment lacks it;</li>
 * <li>the process environment, plus the env files ({@code --env-file}, COMPOSE_ENV_FILES, or {@code .env}
 *     in {@code --project-directory}, else the directory of the first {@code -f} file, else the current
 *     directory) — see {@link ProjectEnvironment};</li>
 * <li>the Compose files: {@code -f}, else COMPOSE_FILE (which may come from that {@code .env}), else the
 *     default names searched upwards — see {@link ComposeFileLocator};</li>
 * <li>{@code .env} again, from the project directory now known (it only adds unset variables);</li>
 * <li>the profiles: {@code --profile}, else COMPOSE_PROFILES.</li>
 * </ol>
 * The project name needs the parsed files: {@link DiscoveredProject#projectName(Optional)}.
 */
public final class ProjectDiscovery {

    private ProjectDiscovery() {
    }

    /**
     * Discovers the project.
     *
     * @throws io.berth.model.naming.InvalidProjectNameException for an invalid {@code -p}
     * @throws io.berth.model.env.EnvFileException               for a missing or malformed env file
     * @throws io.berth.model.files.ComposeFileException         when no Compose file is found or one is missing
     */
    public static DiscoveredProject discover(DiscoveryOptions options, Map<String, String> processEnvironment,
            Path currentDirectory, ProjectFiles files) {
        Optional<String> nameFlag = options.projectName().filter(name -> !name.isEmpty()).map(ProjectName::validate);
        Path firstWorkingDirectory = options.projectDirectory().filter(directory -> !directory.isEmpty())
                .map(directory -> currentDirectory.resolve(directory).toAbsolutePath().normalize())
                .or(() -> options.files().stream()
                        .filter(file -> !file.equals("-"))
                        .findFirst()
                        .map(file -> currentDirectory.resolve(file).toAbsolutePath().normalize().getParent()))
                .orElse(currentDirectory);
        Map<String, String> process = processEnvironment;
        if (!process.containsKey("PWD")) {
            process = new HashMap<>(processEnvironment);
            process.put("PWD", currentDirectory.toString());
        }
        ProjectEnvironment environment = ProjectEnvironment.load(process, options.envFiles(),
                currentDirectory, firstWorkingDirectory, files);
        ComposeFiles composeFiles = new ComposeFileLocator(files).locate(options.files(), environment.composeFiles(),
                options.projectDirectory(), currentDirectory);
        environment = environment.withDefaultDotEnvFrom(composeFiles.projectDirectory(), files);
        List<String> profiles = options.profiles().isEmpty() ? environment.profiles() : options.profiles();
        return new DiscoveredProject(environment, composeFiles, profiles, nameFlag);
    }
}
