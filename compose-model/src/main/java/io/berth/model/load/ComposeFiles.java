package io.berth.model.load;

import io.berth.model.LoadOptions;
import io.berth.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Files phase: which Compose files to read ({@code -f}, {@code COMPOSE_FILE}, or discovery in the
 * working directory and its parents plus the matching override file) and the project directory.
 */
final class ComposeFiles {
    static final List<String> CANDIDATES = List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

    /** A file to read: the name to show in messages and its path ({@code null} for stdin). */
    record Source(String displayName, Path path) {
    }

    record Located(List<Source> files, Path projectDirectory) {
    }

    private ComposeFiles() {
    }

    static Located locate(LoadOptions options, Map<String, String> variables) throws LoadFailure {
        Path cwd = options.workingDir().toAbsolutePath().normalize();
        List<String> named = options.configFiles();
        if (named.isEmpty() && variables.get("COMPOSE_FILE") != null && !variables.get("COMPOSE_FILE").isEmpty()) {
            String separator = variables.getOrDefault("COMPOSE_PATH_SEPARATOR", ":");
            named = List.of(variables.get("COMPOSE_FILE").split(java.util.regex.Pattern.quote(separator)));
        }
        List<Source> files = new ArrayList<>();
        if (!named.isEmpty()) {
            for (String name : named) {
                if (name.equals("-")) {
                    files.add(new Source("-", null));
                } else {
                    Path path = cwd.resolve(name).normalize();
                    if (!Files.isRegularFile(path)) {
                        throw new LoadFailure(new Problem(null, 0, 0, "", "open " + path + ": no such file or directory"));
                    }
                    files.add(new Source(name, path));
                }
            }
        } else {
            files.addAll(discover(cwd));
        }
        Path projectDirectory = options.projectDirectory() != null ? cwd.resolve(options.projectDirectory()).normalize()
                : files.get(0).path() == null ? cwd : files.get(0).path().getParent();
        return new Located(files, projectDirectory);
    }

    private static List<Source> discover(Path cwd) throws LoadFailure {
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            for (String candidate : CANDIDATES) {
                Path file = dir.resolve(candidate);
                if (Files.isRegularFile(file)) {
                    List<Source> found = new ArrayList<>();
                    found.add(new Source(dir.equals(cwd) ? candidate : file.toString(), file));
                    String base = candidate.substring(0, candidate.lastIndexOf('.'));
                    for (String extension : List.of(".yaml", ".yml")) {
                        Path override = dir.resolve(base + ".override" + extension);
                        if (Files.isRegularFile(override)) {
                            found.add(new Source(dir.equals(cwd) ? override.getFileName().toString() : override.toString(), override));
                            break;
                        }
                    }
                    return found;
                }
            }
        }
        throw new LoadFailure(new Problem(null, 0, 0, "", "no configuration file provided: not found (looked for "
                + String.join(", ", CANDIDATES) + " in " + cwd + " and its parents)"));
    }

    static byte[] read(Source source, LoadOptions options) throws LoadFailure {
        try {
            if (source.path() == null) {
                return options.stdin().readNBytes(io.berth.model.yaml.YamlReader.MAX_BYTES + 1);
            }
            if (Files.size(source.path()) > io.berth.model.yaml.YamlReader.MAX_BYTES) {
                throw new LoadFailure(new Problem(source.displayName(), 0, 0, "", "file is too large ("
                        + Files.size(source.path()) + " bytes, at most " + io.berth.model.yaml.YamlReader.MAX_BYTES + ")"));
            }
            return Files.readAllBytes(source.path());
        } catch (IOException e) {
            throw new LoadFailure(new Problem(source.displayName(), 0, 0, "", "cannot read: " + e.getMessage()));
        }
    }
}
