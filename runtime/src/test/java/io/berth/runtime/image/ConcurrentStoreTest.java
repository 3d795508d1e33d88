package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.testfixtures.BusyboxImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several users of one store at once: no lost tag, one copy of each layer, no temp files left. */
class ConcurrentStoreTest {
    private TempStateRoot root;
    private ExecutorService pool;

    @BeforeEach
    void open() throws Exception {
        root = new TempStateRoot();
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void clean() throws Exception {
        pool.shutdownNow();
        root.close();
    }

    @Test
    void concurrentLoadsOfOneImageStoreItOnce() throws Exception {
        List<Future<List<ImageInfo>>> loads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ImageService images = ImageService.open(root.config()); // one service per "process"
            loads.add(pool.submit(() -> images.load(BusyboxImage.ociArchive())));
        }
        for (Future<List<ImageInfo>> load : loads) {
            assertEquals(BusyboxImage.get().configDigest(), load.get().get(0).id().toString());
        }
        StoreLayout layout = new StoreLayout(root.config().stateRoot());
        try (Stream<Path> layers = Files.list(layout.layersDir()).filter(Files::isDirectory); Stream<Path> tmp = Files.list(layout.tmpDir())) {
            assertEquals(1, layers.count());
            assertEquals(0, tmp.count());
        }
        assertEquals(1, ImageService.open(root.config()).list().size());
    }

    @Test
    void concurrentTagsAreAllKept() throws Exception {
        ImageService images = ImageService.open(root.config());
        ImageInfo busybox = images.load(BusyboxImage.ociArchive()).get(0);
        List<Future<?>> tags = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            int t = thread;
            tags.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    images.tag(busybox.id().toString(), ImageReference.parse("copy-" + t + ":" + i));
                }
            }));
        }
        for (Future<?> tag : tags) {
            tag.get();
        }
        assertEquals(41, images.resolve(ImageReference.parse("copy-3:9")).orElseThrow().references().size());
    }
}
