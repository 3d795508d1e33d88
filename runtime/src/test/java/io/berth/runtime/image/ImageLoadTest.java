package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageRemoval;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.state.ContainerLayout;
import io.berth.runtime.state.ContainerRecord;
import io.berth.runtime.state.ContainerStore;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.TarBuilder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageLoadTest extends ImageServiceTest {
    private static final ImageReference BUSYBOX = ImageReference.parse(BusyboxImage.NAME);

    @Test
    void loadsAnOciArchiveUnderItsContainerdName() throws Exception {
        List<ImageInfo> loaded = images.load(BusyboxImage.ociArchive());
        assertEquals(1, loaded.size());
        ImageInfo image = loaded.get(0);
        assertEquals(BusyboxImage.get().configDigest(), image.id().toString());
        assertEquals(List.of(BUSYBOX), image.references());
        assertEquals(List.of("sh"), image.config().cmd());
        assertEquals(Files.size(BusyboxImage.rootfsTar()), image.sizeBytes(), "uncompressed, as docker images shows");
        assertEquals(image, images.resolve(ImageReference.parse("docker.io/library/busybox:test")).orElseThrow());
        List<Path> layers = images.layerDirs(image.id());
        assertEquals(1, layers.size());
        assertTrue(Files.isRegularFile(layers.get(0).resolve("bin/busybox")));
        assertTrue(Files.isSymbolicLink(layers.get(0).resolve("bin/sh")));
        assertTrue(layers.get(0).endsWith(BusyboxImage.get().diffId().substring("sha256:".length())));
    }

    @Test
    void loadsADockerSaveArchiveSharingTheLayerWithTheOciOne() {
        ImageInfo fromDocker = images.load(BusyboxImage.dockerArchive()).get(0);
        ImageInfo fromOci = images.load(BusyboxImage.ociArchive()).get(0);
        assertEquals(fromOci.id(), fromDocker.id(), "same config, same id");
        assertEquals(images.layerDirs(fromOci.id()), images.layerDirs(fromDocker.id()));
        assertEquals(1, images.list().size());
    }

    @Test
    void loadsAnOciIndexThatListsOneManifestUnderTwoNames() throws Exception {
        OciArchiveBuilder builder = new OciArchiveBuilder(new TarBuilder().dir("etc").file("etc/hostname", "twice").bytes())
                .name("docker.io/library/twice:one").alsoNamed("docker.io/library/twice:two");
        Path archive = builder.write(root.dir.resolve("twice.tar"));
        List<ImageInfo> loaded = images.load(archive);
        assertEquals(2, loaded.size());
        assertEquals(loaded.get(0).id(), loaded.get(1).id());
        ImageInfo image = images.resolve(ImageReference.parse("twice:one")).orElseThrow();
        assertEquals(List.of("twice:one", "twice:two"), image.references().stream().map(ImageReference::familiar).toList());
        assertEquals(1, images.layerDirs(image.id()).size());
        assertEquals(1, images.list().size());
    }

    @Test
    void loadsAGzippedArchive() throws Exception {
        Path gz = root.dir.resolve("busybox.tar.gz");
        Files.write(gz, TarBuilder.gzip(Files.readAllBytes(BusyboxImage.dockerArchive())));
        assertEquals(List.of(BUSYBOX), images.load(gz).get(0).references());
    }

    @Test
    void importsARootfsWithChanges() throws Exception {
        ImageReference name = ImageReference.parse("imported:1");
        ImageInfo image = images.importRootfs(BusyboxImage.rootfsTar(), name,
                List.of("CMD [\"httpd\", \"-f\"]", "ENTRYPOINT /bin/sh", "ENV A=1 B=\"two words\"", "WORKDIR /www",
                        "USER app", "EXPOSE 80", "LABEL x=y"));
        assertEquals(List.of("httpd", "-f"), image.config().cmd());
        assertEquals(List.of("/bin/sh", "-c", "/bin/sh"), image.config().entrypoint());
        assertEquals(List.of("A=1", "B=two words"), image.config().env());
        assertEquals("/www", image.config().workingDir());
        assertEquals("app", image.config().user());
        assertEquals(List.of("80/tcp"), image.config().exposedPorts());
        assertEquals("y", image.config().labels().get("x"));
        Path layer = images.layerDirs(image.id()).get(0);
        assertEquals(BusyboxImage.get().diffId().substring(7), layer.getFileName().toString());
        assertThrows(RuntimeOperationException.class,
                () -> images.importRootfs(BusyboxImage.rootfsTar(), name, List.of("RUN rm -rf /")));
    }

    @Test
    void tagsAndRemovesLikeDocker() {
        ImageInfo image = images.load(BusyboxImage.ociArchive()).get(0);
        images.tag("busybox:test", ImageReference.parse("localhost:5000/mine:v1"));
        assertEquals(2, images.find(image.id().shortHex()).orElseThrow().references().size());
        RuntimeOperationException conflict = assertThrows(RuntimeOperationException.class,
                () -> images.remove(image.id().toString(), false));
        assertEquals(RuntimeOperationException.Kind.CONFLICT, conflict.kind());
        ImageRemoval untag = images.remove("busybox:test", false);
        assertEquals(List.of(BUSYBOX), untag.untagged());
        assertTrue(untag.deleted().isEmpty());
        Path layer = images.layerDirs(image.id()).get(0);
        ImageRemoval last = images.remove("localhost:5000/mine:v1", false);
        assertEquals(List.of(image.id()), last.deleted());
        assertTrue(images.list().isEmpty());
        assertFalse(Files.exists(layer, LinkOption.NOFOLLOW_LINKS), "the layer of the last image goes with it");
        assertEquals(RuntimeOperationException.Kind.NOT_FOUND,
                assertThrows(RuntimeOperationException.class, () -> images.remove("busybox:test", false)).kind());
        assertEquals(RuntimeOperationException.Kind.NOT_FOUND,
                assertThrows(RuntimeOperationException.class, () -> images.layerDirs(image.id())).kind());
    }

    @Test
    void anImageAContainerWasMadeFromIsNeverDeleted() {
        ImageInfo image = images.load(BusyboxImage.ociArchive()).get(0);
        ContainerRecord user = new ContainerRecord(ContainerRecord.CURRENT_VERSION, ContainerId.random(), "demo-web-1",
                ContainerSpec.simple("demo-web-1", BUSYBOX, List.of("true")), image, ContainerState.EXITED, null,
                false, 0, 0, (Path) null, 0, false, false, Instant.now(), null, null, 0, false, null,
                Map.of(), List.of(), List.of(), null);
        ContainerStore containers = new ContainerStore(new ContainerLayout(root.config()));
        containers.save(user);
        RuntimeOperationException refused = assertThrows(RuntimeOperationException.class,
                () -> images.remove("busybox:test", false));
        assertEquals(RuntimeOperationException.Kind.CONFLICT, refused.kind());
        assertTrue(refused.getMessage().contains("demo-web-1"), refused.getMessage());
        ImageRemoval forced = images.remove("busybox:test", true);
        assertEquals(List.of(BUSYBOX), forced.untagged());
        assertTrue(forced.deleted().isEmpty(), "docker rmi -f untags an image in use and keeps it");
        assertFalse(images.layerDirs(image.id()).isEmpty());
        assertTrue(images.find(image.id().toString()).orElseThrow().references().isEmpty());
    }

    @Test
    void aMovedTagLeavesTheOldImageDangling() {
        ImageInfo busybox = images.load(BusyboxImage.ociArchive()).get(0);
        ImageInfo other = images.importRootfs(BusyboxImage.rootfsTar(), BUSYBOX, List.of("CMD [\"true\"]"));
        assertEquals(2, images.list().size());
        assertTrue(images.find(busybox.id().toString()).orElseThrow().references().isEmpty());
        assertEquals(other.id(), images.resolve(BUSYBOX).orElseThrow().id());
        Digest danglingId = busybox.id();
        assertEquals(List.of(danglingId), images.remove(danglingId.hex(), false).deleted());
        assertFalse(images.layerDirs(other.id()).isEmpty(), "the shared layer stays for the other image");
        assertTrue(Files.isDirectory(images.layerDirs(other.id()).get(0)));
    }
}
