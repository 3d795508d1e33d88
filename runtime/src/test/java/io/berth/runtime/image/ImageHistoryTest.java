package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ImageHistoryEntry;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.testfixtures.BusyboxImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docker history's data from the image config: steps, their layers' sizes, comments. */
class ImageHistoryTest {
    @Test
    void aLoadedAndAnImportedImageTellTheirSteps() throws Exception {
        try (TempStateRoot root = new TempStateRoot()) {
            ImageService images = ImageService.open(root.config());
            ImageInfo busybox = images.load(BusyboxImage.ociArchive()).get(0);
            List<ImageHistoryEntry> loaded = images.history(busybox.id());
            assertEquals(1, loaded.size(), loaded.toString());
            assertEquals(busybox.sizeBytes(), loaded.get(0).sizeBytes());
            assertFalse(loaded.get(0).emptyLayer());

            ImageInfo imported = images.importRootfs(BusyboxImage.rootfsTar(), ImageReference.parse("imported:1"),
                    List.of("CMD [\"sh\"]"));
            ImageHistoryEntry step = images.history(imported.id()).get(0);
            assertEquals("berth image import", step.createdBy());
            assertTrue(step.comment().startsWith("Imported from "), step.comment());
            assertEquals(imported.sizeBytes(), step.sizeBytes());
            assertTrue(step.created() != null);
        }
    }
}
