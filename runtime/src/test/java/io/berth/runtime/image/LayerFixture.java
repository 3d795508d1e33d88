package io.berth.runtime.image;

import io.berth.runtime.Digest;
import io.berth.runtime.UnpackLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** An image store in a temp state root, for unpacking crafted layers straight into it. */
final class LayerFixture implements AutoCloseable {
    final TempStateRoot root;
    final ImageStore store;

    LayerFixture(UnpackLimits limits) throws IOException {
        root = new TempStateRoot();
        store = ImageStore.open(root.config().stateRoot(), limits);
    }

    LayerFixture() throws IOException {
        this(UnpackLimits.DEFAULT);
    }

    static void assumeRoot() {
        Assumptions.assumeTrue(FileMetadata.runningAsRoot(),
                "unpacking owners, whiteouts (mknod) and trusted.* xattrs needs root");
    }

    /** Unpacks {@code tar} as a layer; returns its directory. */
    Path unpack(byte[] tar) throws IOException {
        Digest diffId = store.layers().unpack(new ByteArrayInputStream(tar), null, "test layer");
        return store.layers().dir(diffId);
    }

    /** Nothing is left in the store's tmp dir and no layer was recorded. */
    boolean storeIsClean() throws IOException {
        try (Stream<Path> tmp = Files.list(store.layout().tmpDir());
             Stream<Path> layers = Files.list(store.layout().layersDir()).filter(Files::isDirectory)) {
            return tmp.findAny().isEmpty() && layers.findAny().isEmpty();
        }
    }

    @Override
    public void close() throws IOException {
        root.close();
    }
}
