package io.berth.runtime.image;

import io.berth.runtime.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A throwaway state root under /tmp/berth-test-*, removed whole (read-only dirs too) by close. */
final class TempStateRoot implements AutoCloseable {
    final Path dir;

    TempStateRoot() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "berth-test-images-");
    }

    RuntimeConfig config() {
        return new RuntimeConfig(dir.resolve("state"), dir.resolve("run"));
    }

    @Override
    public void close() throws IOException {
        FileTrees.deleteRecursively(dir);
    }
}
