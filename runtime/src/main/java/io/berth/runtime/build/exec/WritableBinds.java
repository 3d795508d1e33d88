package io.berth.runtime.build.exec;

import io.berth.runtime.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * RUN --mount=type=bind,rw: the step may write to the bind, and its writes are discarded with the
 * step (BuildKit's rule), never reaching the source. A directory gets an overlay with the source as
 * its only lower directory and an upper one in the step's work directory; a file is copied there.
 */
final class WritableBinds {
    private WritableBinds() {
    }

    /** A writable stand-in for {@code source} under {@code dir}; its overlay (if any) unmounted with the resources. */
    static Path over(Path source, Path dir, List<AutoCloseable> resources) throws IOException {
        Files.createDirectories(dir);
        if (!Files.isDirectory(source)) {
            Path copy = dir.resolve("file");
            Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
            return copy;
        }
        Path upper = Files.createDirectory(dir.resolve("upper"));
        Path work = Files.createDirectory(dir.resolve("work"));
        Path merged = Files.createDirectory(dir.resolve("merged"));
        String lower = source.toString();
        if (lower.contains(",") || lower.contains(":")) {
            throw new IOException(source + ": a path with ',' or ':' cannot be an overlay's lower directory"
                    + " (mount it read-only, or copy it in a RUN)");
        }
        Mounts.mount("overlay", merged.toString(), "overlay", Mounts.MS_NODEV | Mounts.MS_NOSUID,
                "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work);
        resources.add(() -> Mounts.umountIfMounted(merged.toString(), Mounts.MNT_DETACH));
        return merged;
    }
}
