package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.RuntimeOperationException;
import io.berth.testfixtures.LocalRegistry;
import io.berth.testfixtures.TarBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Platforms on pull (issue 14), from a real registry (docker-registry on 127.0.0.1, pushed to with
 * skopeo): the host's image out of an index; no image for the host, or an image of another
 * architecture, refused with the platforms named and nothing kept.
 */
class PlatformPullTest extends ImageServiceTest {
    /** This process's registry settings, as the tests ran before pulls took them explicitly. */
    private static final io.berth.runtime.RegistrySettings REGISTRIES =
            io.berth.runtime.RegistrySettings.fromEnvironment(System.getenv());
    private static LocalRegistry registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs /usr/bin/docker-registry and skopeo");
        registry = LocalRegistry.start();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private String push(OciArchiveBuilder archive, String name) throws Exception {
        return registry.push(archive.write(root.dir.resolve(name.replace(':', '-') + ".tar")), name);
    }

    @Test
    void theHostsManifestIsChosenOutOfAMultiPlatformIndex() throws Exception {
        OciArchiveBuilder archive = new OciArchiveBuilder(new TarBuilder().file("hello", "host").bytes()).multiPlatform();
        ImageInfo image = images.pull(ImageReference.parse(push(archive, "both:1")), REGISTRIES, p -> { });
        assertEquals(archive.configDigest(), image.id().toString());
    }

    @Test
    void anIndexWithoutTheHostsPlatformIsRefusedNamingWhatItOffers() throws Exception {
        OciArchiveBuilder archive = new OciArchiveBuilder(new TarBuilder().file("hello", "other").bytes())
                .architecture("s390x").multiPlatform();
        String name = push(archive, "foreign-index:1");
        RuntimeOperationException refused = assertThrows(RuntimeOperationException.class,
                () -> images.pull(ImageReference.parse(name), REGISTRIES, p -> { }));
        assertTrue(refused.getMessage().contains("no image for linux/" + Platform.architecture()), refused.getMessage());
        assertTrue(refused.getMessage().contains("linux/s390x"), refused.getMessage());
        assertTrue(images.list().isEmpty());
    }

    @Test
    void aSinglePlatformImageOfAnotherArchitectureIsRefusedAndNothingIsKept() throws Exception {
        OciArchiveBuilder archive = new OciArchiveBuilder(new TarBuilder().file("hello", "s390x").bytes())
                .architecture("s390x");
        String name = push(archive, "foreign:1");
        RuntimeOperationException refused = assertThrows(RuntimeOperationException.class,
                () -> images.pull(ImageReference.parse(name), REGISTRIES, p -> { }));
        assertTrue(refused.getMessage().contains("is an image for linux/s390x; berth runs linux/"
                + Platform.architecture() + " images only"), refused.getMessage());
        assertTrue(images.list().isEmpty());
    }
}
