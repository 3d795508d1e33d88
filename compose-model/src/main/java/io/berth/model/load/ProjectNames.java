package io.berth.model.load;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Stand-in for {@code ProjectName} (branch interp): Compose's project-name rules. A name given with
 * {@code -p}, {@code COMPOSE_PROJECT_NAME} or {@code name:} must already be valid; a directory
 * name is normalized (lower case, other characters dropped).
 */
final class ProjectNames {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private ProjectNames() {
    }

    static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    static String fromDirectory(String directoryName) {
        String lower = directoryName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        return lower.replaceFirst("^[_-]+", "");
    }

    static String invalidMessage(String name) {
        return "invalid project name \"" + name + "\": must consist only of lowercase alphanumeric characters,"
                + " hyphens, and underscores as well as start with a letter or number";
    }
}
