package io.berth.runtime.build.exec;

import io.berth.runtime.image.BuilderStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Turns a directory of changes (an upper directory, a COPY's output) into a stored layer. */
final class LayerMaker {
    private LayerMaker() {
    }

    /** The stored layer, or null when {@code changes} is empty (no layer, as BuildKit). */
    static BuilderStore.Layer store(BuilderStore store, Path changes, Optional<Instant> fixedTime) throws IOException {
        if (LayerWriter.isEmpty(changes)) {
            return null;
        }
        Path gzip = Files.createTempFile(store.tmpDir(), "built-layer-", ".tar.gz");
        try {
            LayerWriter.Written written = new LayerWriter(fixedTime).write(changes, gzip);
            return store.adopt(gzip, written.diffId(), written.tarSize(), changes);
        } finally {
            Files.deleteIfExists(gzip);
        }
    }
}
