package io.berth.runtime.build.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a finished build (failed or not) must not leave: mounts, step directories, cgroups. */
final class BuildLeaks {
    private BuildLeaks() {
    }

    static void assertNothingLeft(RuntimeConfig config) throws IOException {
        List<String> mounts = Files.readAllLines(Path.of("/proc/mounts")).stream()
                .filter(line -> line.contains(config.stateRoot().toString()) || line.contains(config.runRoot().toString()))
                .toList();
        assertEquals(List.of(), mounts, "mounts left under the state or run root");
        Path stepRuns = config.runRoot().resolve("builder");
        if (Files.isDirectory(stepRuns)) {
            try (Stream<Path> left = Files.list(stepRuns)) {
                assertEquals(List.of(), left.toList(), "step run directories left");
            }
        }
        Path tmp = config.stateRoot().resolve("images/tmp");
        if (Files.isDirectory(tmp)) {
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("build"))
                        .toList(), "step work directories left");
            }
        }
    }
}
