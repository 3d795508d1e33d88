package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImagePrune;
import io.berth.runtime.ImageReference;
import io.berth.runtime.state.ContainerLayout;
import io.berth.runtime.state.ContainerRecord;
import io.berth.runtime.state.ContainerStore;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.TarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker image prune: dangling images by default, with -a every image no container uses. */
class ImagePruneTest extends ImageServiceTest {

    @Test
    void removesOnlyDanglingImagesAndCountsWhatWasFreed() throws Exception {
        ImageInfo dangling = importTar("first", "prune/app:1");
        ImageInfo current = importTar("second", "prune/app:1"); // the name moves: the first dangles
        ImageInfo busybox = images.load(BusyboxImage.ociArchive()).get(0);
        assertTrue(images.find(dangling.id().toString()).orElseThrow().references().isEmpty());

        ImagePrune pruned = images.prune(false);
        assertEquals(1, pruned.removals().size());
        assertEquals(List.of(dangling.id()), pruned.removals().get(0).deleted());
        assertTrue(pruned.reclaimedBytes() > 0, "its blobs and layer are gone from the disk");
        assertFalse(images.find(dangling.id().toString()).isPresent());
        assertEquals(2, images.list().size());
        assertTrue(images.find(current.id().toString()).isPresent() && images.find(busybox.id().toString()).isPresent());

        assertTrue(images.prune(false).removals().isEmpty(), "nothing dangling is left");
        assertEquals(0, images.prune(false).reclaimedBytes());
    }

    @Test
    void allRemovesEveryImageNoContainerWasCreatedFrom() throws Exception {
        ImageInfo unused = importTar("unused", "prune/unused:1");
        ImageInfo used = images.load(BusyboxImage.ociArchive()).get(0);
        ContainerRecord user = new ContainerRecord(ContainerRecord.CURRENT_VERSION, ContainerId.random(), "demo-web-1",
                ContainerSpec.simple("demo-web-1", ImageReference.parse(BusyboxImage.NAME), List.of("true")), used,
                ContainerState.EXITED, null, false, 0, 0, (Path) null, 0, false, false, Instant.now(), null, null, 0,
                false, null, Map.of(), List.of(), List.of(), null);
        new ContainerStore(new ContainerLayout(root.config())).save(user);

        ImagePrune pruned = images.prune(true);
        assertEquals(1, pruned.removals().size());
        assertEquals(List.of(ImageReference.parse("prune/unused:1")), pruned.removals().get(0).untagged());
        assertEquals(List.of(unused.id()), pruned.removals().get(0).deleted());
        assertEquals(List.of(used.id()), images.list().stream().map(ImageInfo::id).toList());
        assertFalse(images.layerDirs(used.id()).isEmpty());
    }

    private ImageInfo importTar(String content, String name) throws Exception {
        Path tar = root.dir.resolve(content + ".tar");
        Files.write(tar, new TarBuilder().dir("etc").file("etc/" + content, content).bytes());
        return images.importRootfs(tar, ImageReference.parse(name), List.of());
    }
}
