package io.berth.model.discovery;

import io.berth.model.env.ProjectEnvironment;
import io.berth.model.files.ComposeFiles;
import io.berth.model.naming.ProjectName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about a project before its Compose files are parsed.
 *
 * @param environment     the interpolation variables (process environment over env files)
 * @param composeFiles    the files to load, in order, and the project directory
 * @param profiles        the active profiles: {@code --profile} values, else COMPOSE_PROFILES
 * @param projectNameFlag the {@code -p} value when given (already checked to be a valid name)
 */
public record DiscoveredProject(ProjectEnvironment environment, ComposeFiles composeFiles, List<String> profiles,
        Optional<String> projectNameFlag) {

    public DiscoveredProject {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(composeFiles, "composeFiles");
        profiles = List.copyOf(profiles);
        Objects.requireNonNull(projectNameFlag, "projectNameFlag");
    }

    /**
     * The project name once the files are parsed: {@code -p}, COMPOSE_PROJECT_NAME, the top-level
     * {@code name:} (interpolated, from the last file defining one), or the project directory's name.
     */
    public ProjectName projectName(Optional<String> topLevelName) {
        return ProjectName.resolve(projectNameFlag, environment.projectName(), topLevelName,
                composeFiles.projectDirectory());
    }
}
