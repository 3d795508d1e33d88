package io.berth.model.naming;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Compose project name, chosen and checked as Docker Compose v2 does (compose-go {@code cli} options
 * {@code withNamePrecedenceLoad}, loader {@code projectName}, {@code NormalizeProjectName},
 * {@code InvalidProjectNameErr}):
 * <ol>
 * <li>{@code -p}/{@code --project-name} when not empty, which must already be valid;</li>
 * <li>else COMPOSE_PROJECT_NAME (process environment or env files) when not empty, which must be valid;</li>
 * <li>else the top-level {@code name:} (of the last Compose file defining one, interpolated), normalized,
 *     when that leaves something;</li>
 * <li>else the base name of the project directory, normalized.</li>
 * </ol>
 * A valid name is lowercase letters, digits, {@code _} and {@code -}, starting with a letter or digit.
 *
 * @param value  the name
 * @param source where it came from
 */
public record ProjectName(String value, Source source) {

    /** Where a project name came from. */
    public enum Source { FLAG, ENVIRONMENT, COMPOSE_FILE, DIRECTORY }

    public ProjectName {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        if (value.isEmpty() || !normalize(value).equals(value)) {
            throw invalid(value);
        }
    }

    /**
     * Chooses the project name.
     *
     * @param flag            the {@code -p} value, if given
     * @param environmentName COMPOSE_PROJECT_NAME from the project environment, if set
     * @param topLevelName    the interpolated top-level {@code name:} of the Compose files, if any
     * @param projectDirectory the project directory (its last path element is used)
     * @throws InvalidProjectNameException when {@code -p} or COMPOSE_PROJECT_NAME is not a valid name, or
     *                                     no source gives a non-empty name
     */
    public static ProjectName resolve(Optional<String> flag, Optional<String> environmentName,
            Optional<String> topLevelName, Path projectDirectory) {
        Optional<String> fromFlag = flag.filter(name -> !name.isEmpty());
        if (fromFlag.isPresent()) {
            return new ProjectName(fromFlag.get(), Source.FLAG);
        }
        Optional<String> fromEnvironment = environmentName.filter(name -> !name.isEmpty());
        if (fromEnvironment.isPresent()) {
            return new ProjectName(fromEnvironment.get(), Source.ENVIRONMENT);
        }
        Optional<String> fromFile = topLevelName.map(ProjectName::normalize);
        if (fromFile.isPresent()) {
            if (fromFile.get().isEmpty()) {
                // name: "---" or "${UNSET}" (Compose 2.26.1 refuses these; a name written empty is no name)
                throw new InvalidProjectNameException("project name must not be empty (the top-level name: gives \""
                        + topLevelName.get() + "\" once interpolated, which has no letter or digit: set one, or use -p)");
            }
            return new ProjectName(fromFile.get(), Source.COMPOSE_FILE);
        }
        Path base = projectDirectory.toAbsolutePath().normalize().getFileName();
        String fromDirectory = base == null ? "" : normalize(base.toString());
        if (fromDirectory.isEmpty()) {
            throw new InvalidProjectNameException("project name must not be empty (the project directory "
                    + projectDirectory + " gives none: use -p or COMPOSE_PROJECT_NAME)");
        }
        return new ProjectName(fromDirectory, Source.DIRECTORY);
    }

    /**
     * compose-go's {@code NormalizeProjectName}: lowercase, keep only {@code [a-z0-9_-]}, then drop leading
     * {@code _} and {@code -}. "My App.v2" becomes "myappv2".
     */
    public static String normalize(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                kept.append(c);
            }
        }
        int start = 0;
        while (start < kept.length() && (kept.charAt(start) == '_' || kept.charAt(start) == '-')) {
            start++;
        }
        return kept.substring(start);
    }

    /**
     * Checks a name given explicitly ({@code -p}); returns it when valid.
     *
     * @throws InvalidProjectNameException with Compose v2's message
     */
    public static String validate(String name) {
        if (!normalize(name).equals(name)) {
            throw invalid(name);
        }
        return name;
    }

    @Override
    public String toString() {
        return value;
    }

    private static InvalidProjectNameException invalid(String name) {
        return new InvalidProjectNameException("invalid project name " + quote(name)
                + ": must consist only of lowercase alphanumeric characters, hyphens, and underscores"
                + " as well as start with a letter or number");
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
}
