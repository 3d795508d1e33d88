package io.berth.runtime.supervisor;

import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.launch.ImageAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A fake image store for supervisor tests: every reference is one image, CMD "sleep 1000". */
public final class DirectoryImages implements ImageAccess {
    static final Digest ID = Digest.parse("sha256:" + "ab".repeat(32));
    private final Path layer;

    public DirectoryImages(RuntimeConfig config) {
        layer = config.stateRoot().resolve("test-image-layer");
        try {
            Files.createDirectories(layer.resolve("etc"));
            Files.writeString(layer.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                    + "app:x:1000:1000:app:/home/app:/bin/sh\n");
            Files.writeString(layer.resolve("etc/group"), "root:x:0:\napp:x:1000:\nextra:x:2000:app\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ImageInfo resolve(ImageReference reference) {
        return new ImageInfo(ID, List.of(reference), 0, Instant.EPOCH, new ImageInfo.Config(null,
                List.of("sleep", "1000"), List.of("PATH=/usr/bin:/bin", "FROM_IMAGE=1"), "/", null, List.of(),
                List.of(), Map.of(), null));
    }

    @Override
    public List<Path> layerDirs(Digest imageId) {
        return List.of(layer);
    }
}
