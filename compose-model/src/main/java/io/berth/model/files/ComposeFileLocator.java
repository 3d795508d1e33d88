package io.berth.model.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which Compose files to load, as Docker Compose v2 does (compose-go {@code cli/options.go}:
 * {@code WithConfigFileEnv}, {@code WithDefaultConfigPath}, {@code GetWorkingDir}, {@code absolutePaths}):
 * <ol>
 * <li>the {@code -f} files, in order, when given ({@code -} is the standard input);</li>
 * <li>else COMPOSE_FILE, already split by COMPOSE_PATH_SEPARATOR (see {@code ProjectEnvironment.composeFiles()});</li>
 * <li>else the first of {@link #DEFAULT_FILE_NAMES} found in the start directory ({@code --project-directory},
 *     else the current directory) or, failing that, the nearest parent holding one, plus the first of
 *     {@link #DEFAULT_OVERRIDE_FILE_NAMES} in that same directory. When several names exist there, Compose
 *     warns and uses the first.</li>
 * </ol>
 * Named files are resolved against the current directory and must exist. The project directory is
 * {@code --project-directory} when given, else the directory of the first file that is not {@code -},
 * else the current directory.
 */
public final class ComposeFileLocator {

    /** compose-go {@code DefaultFileNames}, in order of preference. */
    public static final List<String> DEFAULT_FILE_NAMES =
            List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

    /** compose-go {@code DefaultOverrideFileNames}, in order of preference. */
    public static final List<String> DEFAULT_OVERRIDE_FILE_NAMES = List.of("compose.override.yml",
            "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml");

    private final ProjectFiles projectFiles;

    public ComposeFileLocator(ProjectFiles projectFiles) {
        this.projectFiles = Objects.requireNonNull(projectFiles, "projectFiles");
    }

    /**
     * Locates the Compose files.
     *
     * @param fileOptions             the {@code -f} values in order (may be empty)
     * @param composeFileVariable     COMPOSE_FILE split into paths, when set
     * @param projectDirectoryOption  the {@code --project-directory} value, when given
     * @param currentDirectory        the process's current directory (absolute)
     * @throws ComposeFileException "no configuration file provided: not found" when there is nothing to
     *                              load, or "stat PATH: no such file or directory" for a missing named file
     */
    public ComposeFiles locate(List<String> fileOptions, Optional<List<String>> composeFileVariable,
            Optional<String> projectDirectoryOption, Path currentDirectory) {
        Optional<Path> projectDirectory = projectDirectoryOption.filter(directory -> !directory.isEmpty())
                .map(directory -> absolute(currentDirectory, directory));
        List<String> warnings = new ArrayList<>();
        List<Path> files;
        if (!fileOptions.isEmpty()) {
            files = named(fileOptions, currentDirectory);
        } else if (composeFileVariable.isPresent()) {
            files = named(composeFileVariable.get(), currentDirectory);
        } else {
            files = searchDefault(projectDirectory.orElse(currentDirectory), warnings);
        }
        if (files.isEmpty()) {
            throw new ComposeFileException("no configuration file provided: not found");
        }
        Path directory = projectDirectory.orElseGet(() -> files.stream()
                .filter(file -> !ComposeFiles.isStdin(file))
                .findFirst()
                .map(Path::getParent)
                .orElse(currentDirectory));
        return new ComposeFiles(files, directory, warnings);
    }

    private List<Path> named(List<String> names, Path currentDirectory) {
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            if (name.equals("-")) {
                files.add(ComposeFiles.STDIN);
                continue;
            }
            Path file = absolute(currentDirectory, name);
            if (projectFiles.isDirectory(file)) {
                throw new ComposeFileException("read " + file + ": is a directory");
            }
            if (!projectFiles.isFile(file)) {
                throw new ComposeFileException("stat " + file + ": no such file or directory");
            }
            files.add(file);
        }
        return files;
    }

    private List<Path> searchDefault(Path start, List<String> warnings) {
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            List<Path> candidates = existing(directory, DEFAULT_FILE_NAMES);
            if (candidates.isEmpty()) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            files.add(pick(candidates, "config", warnings));
            List<Path> overrides = existing(directory, DEFAULT_OVERRIDE_FILE_NAMES);
            if (!overrides.isEmpty()) {
                files.add(pick(overrides, "override", warnings));
            }
            return files;
        }
        return List.of();
    }

    private List<Path> existing(Path directory, List<String> names) {
        List<Path> found = new ArrayList<>();
        for (String name : names) {
            Path candidate = directory.resolve(name);
            if (projectFiles.isFile(candidate)) {
                found.add(candidate);
            }
        }
        return found;
    }

    private static Path pick(List<Path> candidates, String kind, List<String> warnings) {
        Path winner = candidates.get(0);
        if (candidates.size() > 1) {
            warnings.add("Found multiple " + kind + " files with supported names: "
                    + String.join(", ", candidates.stream().map(Path::toString).toList()));
            warnings.add("Using " + winner);
        }
        return winner;
    }

    private static Path absolute(Path currentDirectory, String path) {
        return currentDirectory.resolve(path).toAbsolutePath().normalize();
    }
}
