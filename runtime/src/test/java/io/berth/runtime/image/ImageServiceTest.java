package io.berth.runtime.image;

import io.berth.runtime.ImageService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the image service's tests share: a state root of their own per test, removed after it. */
abstract class ImageServiceTest {
    TempStateRoot root;
    ImageService images;

    @BeforeEach
    void openStateRoot() throws Exception {
        root = new TempStateRoot();
        images = ImageService.open(root.config());
    }

    @AfterEach
    void removeStateRoot() throws Exception {
        root.close();
    }
}
