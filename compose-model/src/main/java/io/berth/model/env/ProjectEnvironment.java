package io.berth.model.env;

import io.berth.model.files.ProjectFiles;
import io.berth.model.interpolation.VariableLookup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The variables a project is interpolated with, built as Docker Compose v2 builds them
 * ({@code cmd/compose} {@code toProjectOptions} with compose-go {@code cli.WithOsEnv}, {@code WithEnvFiles},
 * {@code WithDotEnv}):
 * <ul>
 * <li>the process environment always wins;</li>
 * <li>env files add the variables it does not define: the {@code --env-file} files (repeatable) if any,
 *     else the comma-separated {@code COMPOSE_ENV_FILES} of the process environment, else {@code .env} in
 *     the working directory when it is a file (not when {@code COMPOSE_DISABLE_ENV_FILE} is true); explicit
 *     files are resolved against the current directory and must exist;</li>
 * <li>each file is interpolated with the process environment, then the files read before it; in a file,
 *     a later file's value replaces an earlier file's;</li>
 * <li>{@code COMPOSE_*} variables set in those files apply like the process's ({@link #composeFiles()},
 *     {@link #projectName()}, {@link #profiles()}, {@link #pathSeparator()}).</li>
 * </ul>
 * Compose reads the default {@code .env} twice: first from the working directory known before the Compose
 * files are located, then from the directory of the first Compose file found (see
 * {@link #withDefaultDotEnvFrom(Path, ProjectFiles)}); the second adds only variables not yet set.
 *
 * @param variables all variables, process environment first (sorted by name), then env-file additions in
 *                  file order; unmodifiable
 * @param envFiles  the env files read, in order
 * @param explicitEnvFiles whether the env files came from {@code --env-file} or {@code COMPOSE_ENV_FILES}
 */
public record ProjectEnvironment(Map<String, String> variables, List<Path> envFiles, boolean explicitEnvFiles) {

    public static final String COMPOSE_ENV_FILES = "COMPOSE_ENV_FILES";
    public static final String COMPOSE_DISABLE_ENV_FILE = "COMPOSE_DISABLE_ENV_FILE";
    public static final String COMPOSE_FILE = "COMPOSE_FILE";
    public static final String COMPOSE_PATH_SEPARATOR = "COMPOSE_PATH_SEPARATOR";
    public static final String COMPOSE_PROJECT_NAME = "COMPOSE_PROJECT_NAME";
    public static final String COMPOSE_PROFILES = "COMPOSE_PROFILES";

    public ProjectEnvironment {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        envFiles = List.copyOf(envFiles);
    }

    /**
     * Builds the environment: the process environment plus the env files chosen as the class describes.
     *
     * @param processEnvironment the process's environment variables
     * @param envFileOptions     the {@code --env-file} values, in order (may be empty)
     * @param currentDirectory   the directory relative env-file paths are resolved against
     * @param workingDirectory   where the default {@code .env} is looked for: {@code --project-directory},
     *                           else the directory of the first {@code -f} file, else the current directory
     * @throws EnvFileException when an explicit env file is missing or is a directory, a file cannot be
     *                          read or parsed, or COMPOSE_DISABLE_ENV_FILE is not a boolean
     */
    public static ProjectEnvironment load(Map<String, String> processEnvironment, List<String> envFileOptions,
            Path currentDirectory, Path workingDirectory, ProjectFiles files) {
        Objects.requireNonNull(processEnvironment, "processEnvironment");
        List<String> explicit = explicitEnvFiles(envFileOptions, processEnvironment);
        List<Path> chosen = new ArrayList<>();
        if (!explicit.isEmpty()) {
            for (String file : explicit) {
                chosen.add(currentDirectory.resolve(file).toAbsolutePath().normalize());
            }
        } else if (!defaultEnvFileDisabled(processEnvironment)) {
            Path dotEnv = workingDirectory.resolve(".env").toAbsolutePath().normalize();
            if (files.isFile(dotEnv)) {
                chosen.add(dotEnv);
            }
        }
        Map<String, String> variables = new LinkedHashMap<>(new TreeMap<>(processEnvironment));
        addFrom(variables, chosen, files);
        return new ProjectEnvironment(variables, chosen, !explicit.isEmpty());
    }

    /**
     * Compose's second reading of the default {@code .env}, once the Compose files are known: adds the
     * variables of {@code <workingDirectory>/.env} that are not set yet. Returns this environment unchanged
     * when env files were given explicitly, when that file was already read or does not exist, or when
     * COMPOSE_DISABLE_ENV_FILE is true.
     */
    public ProjectEnvironment withDefaultDotEnvFrom(Path workingDirectory, ProjectFiles files) {
        Path dotEnv = workingDirectory.resolve(".env").toAbsolutePath().normalize();
        if (explicitEnvFiles || envFiles.contains(dotEnv) || defaultEnvFileDisabled(variables)
                || !files.isFile(dotEnv)) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(variables);
        addFrom(merged, List.of(dotEnv), files);
        List<Path> read = new ArrayList<>(envFiles);
        read.add(dotEnv);
        return new ProjectEnvironment(merged, read, false);
    }

    /** The value of one variable, empty when unset. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** These variables as an interpolation lookup. */
    public VariableLookup lookup() {
        return VariableLookup.of(variables);
    }

    /** COMPOSE_PROJECT_NAME when set and not empty. */
    public Optional<String> projectName() {
        return get(COMPOSE_PROJECT_NAME).filter(name -> !name.isEmpty());
    }

    /** COMPOSE_PATH_SEPARATOR when set and not empty, else ":" (Linux's path-list separator). */
    public String pathSeparator() {
        return get(COMPOSE_PATH_SEPARATOR).filter(separator -> !separator.isEmpty()).orElse(":");
    }

    /** COMPOSE_FILE split by {@link #pathSeparator()}, empty when COMPOSE_FILE is unset (as compose-go). */
    public Optional<List<String>> composeFiles() {
        return get(COMPOSE_FILE).map(value -> List.of(value.split(java.util.regex.Pattern.quote(pathSeparator()), -1)));
    }

    /** COMPOSE_PROFILES split by commas, empty entries dropped; used when no --profile is given. */
    public List<String> profiles() {
        return get(COMPOSE_PROFILES)
                .map(value -> Arrays.stream(value.split(",", -1)).filter(profile -> !profile.isEmpty()).toList())
                .orElse(List.of());
    }

    private static List<String> explicitEnvFiles(List<String> envFileOptions, Map<String, String> processEnvironment) {
        if (!envFileOptions.isEmpty()) {
            return envFileOptions;
        }
        String fromEnvironment = processEnvironment.get(COMPOSE_ENV_FILES);
        return fromEnvironment == null ? List.of() : List.of(fromEnvironment.split(",", -1));
    }

    private static boolean defaultEnvFileDisabled(Map<String, String> environment) {
        String value = environment.get(COMPOSE_DISABLE_ENV_FILE);
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new EnvFileException(COMPOSE_DISABLE_ENV_FILE + ": strconv.ParseBool: parsing \""
                    + value + "\": invalid syntax");
        };
    }

    /** compose-go {@code dotenv.GetEnvFromFile} then {@code Mapping.Merge}: never replaces a set variable. */
    private static void addFrom(Map<String, String> variables, List<Path> envFiles, ProjectFiles files) {
        Map<String, String> current = Map.copyOf(variables);
        Map<String, String> fromFiles = new LinkedHashMap<>();
        for (Path envFile : envFiles) {
            if (files.isDirectory(envFile)) {
                throw new EnvFileException(envFile + " is a directory");
            }
            if (!files.isFile(envFile)) {
                throw new EnvFileException("Couldn't find env file: " + envFile);
            }
            String content;
            try {
                content = files.read(envFile);
            } catch (IOException e) {
                throw new EnvFileException("Couldn't read env file: " + envFile + ": " + e.getMessage(), e);
            }
            VariableLookup lookup = VariableLookup.of(current).orElse(VariableLookup.of(fromFiles));
            try {
                fromFiles.putAll(DotEnv.parse(content, lookup));
            } catch (DotEnvException e) {
                throw new EnvFileException("failed to read " + envFile + ": " + e.getMessage(), e);
            }
        }
        fromFiles.forEach(variables::putIfAbsent);
    }
}
