package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.PullProgress;
import io.berth.runtime.RuntimeOperationException;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.LocalRegistry;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pulls from a real registry (docker-registry on 127.0.0.1, pushed to with skopeo). */
class RegistryPullTest extends ImageServiceTest {
    /** This process's registry settings, as the tests ran before pulls took them explicitly. */
    private static final io.berth.runtime.RegistrySettings REGISTRIES =
            io.berth.runtime.RegistrySettings.fromEnvironment(System.getenv());
    private static LocalRegistry registry;
    private static String pushed;

    @BeforeAll
    static void startRegistry() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs /usr/bin/docker-registry and skopeo");
        registry = LocalRegistry.start();
        pushed = registry.pushBusybox();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void pullsAnImageAndSkipsWhatItHasOnTheSecondPull() {
        List<PullProgress> first = new CopyOnWriteArrayList<>();
        ImageInfo image = images.pull(ImageReference.parse(pushed), REGISTRIES, first::add);
        assertEquals(BusyboxImage.get().configDigest(), image.id().toString());
        assertEquals(List.of(ImageReference.parse(pushed)), image.references());
        assertTrue(Files.isRegularFile(images.layerDirs(image.id()).get(0).resolve("bin/busybox")));
        assertTrue(first.stream().anyMatch(p -> p.stage() == PullProgress.Stage.PULL_COMPLETE));

        java.time.Instant firstPull = image.lastPulled(ImageReference.parse(pushed));
        assertTrue(firstPull != null && !firstPull.isAfter(java.time.Instant.now()), "the pull time is recorded");
        assertEquals(firstPull, images.resolve(ImageReference.parse(pushed)).orElseThrow().lastPulled(ImageReference.parse(pushed)));
        List<PullProgress> second = new CopyOnWriteArrayList<>();
        ImageInfo again = images.pull(ImageReference.parse(pushed), REGISTRIES, second::add);
        assertTrue(!again.lastPulled(ImageReference.parse(pushed)).isBefore(firstPull), "a second pull is recorded too");
        assertTrue(second.stream().anyMatch(p -> p.stage() == PullProgress.Stage.ALREADY_EXISTS), second.toString());
        assertTrue(second.stream().noneMatch(p -> p.stage() == PullProgress.Stage.DOWNLOADING), second.toString());
    }

    @Test
    void pullsTheHostPlatformOutOfAnIndex() throws Exception {
        OciArchiveBuilder archive = new OciArchiveBuilder(
                new io.berth.testfixtures.TarBuilder().file("hello", "multi").bytes()).multiPlatform();
        String name = registry.push(archive.write(root.dir.resolve("multi.tar")), "multi:test");
        ImageInfo image = images.pull(ImageReference.parse(name), REGISTRIES, p -> { });
        assertEquals(archive.configDigest(), image.id().toString());
    }

    @Test
    void pullsByDigest() {
        List<PullProgress> progress = new CopyOnWriteArrayList<>();
        ImageInfo byTag = images.pull(ImageReference.parse(pushed), REGISTRIES, progress::add);
        String manifestDigest = progress.get(progress.size() - 1).digest().toString();
        String byDigestName = registry.hostPort() + "/busybox@" + manifestDigest;
        assertEquals(List.of(byDigestName), images.repoDigests(byTag.id()), "docker inspect's RepoDigests of a pulled image");
        ImageInfo byDigest = images.pull(ImageReference.parse(byDigestName), REGISTRIES, p -> { });
        assertEquals(byTag.id(), byDigest.id());
        assertEquals(byTag.id(), images.resolve(ImageReference.parse(byDigestName)).orElseThrow().id());
        assertEquals(byTag.id(), images.resolve(ImageReference.parse(
                registry.hostPort() + "/busybox:test@" + manifestDigest)).orElseThrow().id());
    }

    @Test
    void aMissingImageSaysNotFound() {
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.pull(ImageReference.parse(registry.hostPort() + "/nothing:here"), REGISTRIES, p -> { }));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        assertTrue(images.list().isEmpty());
    }

    @Test
    void aRegistryThatIsNotThereSaysSo() {
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.pull(ImageReference.parse("127.0.0.1:1/busybox:test"), REGISTRIES, p -> { }));
        assertTrue(e.getMessage().contains("cannot reach http://127.0.0.1:1"), e.getMessage());
    }
}
