package io.berth.model.discovery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command-line options that decide where a project is and how it is read.
 *
 * @param files            {@code -f}/{@code --file} values in order ({@code -} for standard input)
 * @param projectDirectory {@code --project-directory}
 * @param envFiles         {@code --env-file} values in order
 * @param profiles         {@code --profile} values
 * @param projectName      {@code -p}/{@code --project-name}
 */
public record DiscoveryOptions(List<String> files, Optional<String> projectDirectory, List<String> envFiles,
        List<String> profiles, Optional<String> projectName) {

    public DiscoveryOptions {
        files = List.copyOf(files);
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        envFiles = List.copyOf(envFiles);
        profiles = List.copyOf(profiles);
        Objects.requireNonNull(projectName, "projectName");
    }

    /** No option given: everything from the environment and the current directory. */
    public static DiscoveryOptions none() {
        return new DiscoveryOptions(List.of(), Optional.empty(), List.of(), List.of(), Optional.empty());
    }
}
