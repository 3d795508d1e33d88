package io.berth.runtime.build.exec;

import io.berth.runtime.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stage's or an image's root file system as one directory to read from (COPY --from, RUN
 * --mount from=): the single layer itself, or a read-only overlay of the layers, unmounted on close.
 */
final class MergedRoot implements AutoCloseable {
    private final Path dir;
    private final Path mountPoint;

    private MergedRoot(Path dir, Path mountPoint) {
        this.dir = dir;
        this.mountPoint = mountPoint;
    }

    /** {@code scratchDir}: an empty directory to mount on (made here) or to stand for no layer. */
    static MergedRoot of(List<Path> layersTopFirst, Path scratchDir) throws IOException {
        Files.createDirectories(scratchDir);
        if (layersTopFirst.isEmpty()) {
            return new MergedRoot(scratchDir, null);
        }
        if (layersTopFirst.size() == 1) {
            return new MergedRoot(layersTopFirst.get(0), null);
        }
        String lower = String.join(":", layersTopFirst.stream().map(Path::toString).toList());
        Mounts.mount("overlay", scratchDir.toString(), "overlay", Mounts.MS_RDONLY | Mounts.MS_NODEV | Mounts.MS_NOSUID,
                "lowerdir=" + lower);
        return new MergedRoot(scratchDir, scratchDir);
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (mountPoint != null) {
            Mounts.umountIfMounted(mountPoint.toString(), Mounts.MNT_DETACH);
        }
    }
}
