package io.berth.model.load;

import io.berth.model.LoadOptions;
import io.berth.model.Problem;
import io.berth.model.env.EnvFileException;
import io.berth.model.env.ProjectEnvironment;
import io.berth.model.files.ComposeFileException;
import io.berth.model.discovery.DiscoveredProject;
import io.berth.model.discovery.DiscoveryOptions;
import io.berth.model.discovery.ProjectDiscovery;
import io.berth.model.naming.InvalidProjectNameException;
import io.berth.model.files.ProjectFiles;
import io.berth.model.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Files and variables phases: which Compose files to read and with which variables, through
 * {@link ComposeFileLocator} and {@link ProjectEnvironment} (Docker Compose v2's rules).
 */
final class ComposeFiles {
    /** A file to read: the name to show in messages and its path ({@code null} for stdin). */
    record Source(String displayName, Path path) {
    }

    record Located(List<Source> files, Path projectDirectory, ProjectEnvironment environment, List<String> warnings,
            DiscoveredProject discovered) {
    }

    private ComposeFiles() {
    }

    static Located locate(LoadOptions options) throws LoadFailure {
        Path cwd = options.workingDir().toAbsolutePath().normalize();
        Optional<String> projectDirectoryOption = Optional.ofNullable(options.projectDirectory()).map(Path::toString);
        try {
            DiscoveredProject discovered = ProjectDiscovery.discover(new DiscoveryOptions(options.configFiles(),
                    projectDirectoryOption, options.envFiles(), options.profiles(),
                    Optional.ofNullable(options.projectName())), options.environment(), cwd, ProjectFiles.onDisk());
            ProjectEnvironment environment = discovered.environment();
            io.berth.model.files.ComposeFiles found = discovered.composeFiles();
            List<Source> files = new ArrayList<>();
            for (Path file : found.files()) {
                files.add(io.berth.model.files.ComposeFiles.isStdin(file) ? new Source("-", null)
                        : new Source(displayName(cwd, file), file));
            }
            return new Located(files, found.projectDirectory(), environment, found.warnings(), discovered);
        } catch (ComposeFileException | EnvFileException | InvalidProjectNameException e) {
            throw new LoadFailure(new Problem(null, 0, 0, "", e.getMessage()));
        }
    }

    /** Files under the current directory are named relative to it, as people typed them. */
    private static String displayName(Path cwd, Path file) {
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }

    static byte[] read(Source source, LoadOptions options) throws LoadFailure {
        try {
            if (source.path() == null) {
                return options.stdin().readNBytes(YamlReader.MAX_BYTES + 1);
            }
            if (Files.size(source.path()) > YamlReader.MAX_BYTES) {
                throw new LoadFailure(new Problem(source.displayName(), 0, 0, "", "file is too large ("
                        + Files.size(source.path()) + " bytes, at most " + YamlReader.MAX_BYTES + ")"));
            }
            // Bounded even so: a device (/dev/zero) or a pipe (-f <(...)) has no size; YamlReader
            // refuses what is past the limit.
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(source.path())) {
                bytes = in.readNBytes(YamlReader.MAX_BYTES + 1);
            }
            if (bytes.length > YamlReader.MAX_BYTES) {
                throw new LoadFailure(new Problem(source.displayName(), 0, 0, "", "file is too large (more than "
                        + YamlReader.MAX_BYTES + " bytes, the most a Compose file may have)"));
            }
            return bytes;
        } catch (IOException e) {
            throw new LoadFailure(new Problem(source.displayName(), 0, 0, "", "cannot read: " + e.getMessage()));
        }
    }
}
