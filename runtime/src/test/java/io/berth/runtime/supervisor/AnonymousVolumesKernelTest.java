package io.berth.runtime.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.MountSpec;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.VolumeInfo;
import io.berth.runtime.HostRuntime;
import io.berth.testfixtures.BusyboxImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Anonymous volumes as dockerd makes them, on real containers: from a mount without a source and
 * from the image's VOLUME paths, each its own 64-hex volume with Docker's anonymous label, filled
 * by copy-up; kept by a plain removal, removed by {@code rm -v}; shared by volumes_from.
 */
@Tag("root")
class AnonymousVolumesKernelTest {
    private static final ImageReference BUSYBOX = ImageReference.parse(BusyboxImage.NAME);
    private static final ImageReference WITH_VOLUME = ImageReference.parse("berth-test-volume-image:1");
    private static SupervisorFixture fixture;
    private static HostRuntime runtime;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = SupervisorFixture.kernelWithBusybox();
        ImageService.open(fixture.config).importRootfs(BusyboxImage.rootfsTar(), WITH_VOLUME, List.of("VOLUME [\"/www\", \"/empty\"]"));
        runtime = fixture.connect();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aMountWithoutSourceGetsAnAnonymousVolumeFilledFromTheImageAndKeptByAPlainRemoval() throws Exception {
        ContainerInfo info = run(spec("berth-test-anon", BUSYBOX, List.of("ls", "/www"),
                new MountSpec(MountSpec.Type.VOLUME, null, "/www", false, null)));
        MountSpec mount = info.spec().mounts().get(0);
        assertTrue(mount.source().matches("[0-9a-f]{64}"), "Docker-style name: " + mount.source());
        assertTrue(mount.isAnonymousVolume());
        VolumeInfo volume = runtime.inspectVolume(mount.source()).orElseThrow();
        assertTrue(volume.isAnonymous(), "labelled " + VolumeInfo.ANONYMOUS_LABEL + ": " + volume.labels());
        assertEquals("hello from berth busybox\n", Files.readString(volume.mountpoint().resolve("index.html")));

        runtime.removeContainer(info.id(), false, false);
        assertTrue(runtime.inspectVolume(mount.source()).isPresent(), "rm without -v leaves it dangling (as Docker)");
        runtime.removeVolume(mount.source(), false);
    }

    @Test
    void theImagesVolumePathsGetAnonymousVolumesThatRmVRemovesButNotNamedOnes() throws Exception {
        ContainerInfo info = run(spec("berth-test-image-vol", WITH_VOLUME, List.of("ls", "/www"),
                new MountSpec(MountSpec.Type.VOLUME, "berth-test-named", "/data", false, null)));
        List<MountSpec> mounts = info.spec().mounts();
        assertEquals(List.of("/data", "/empty", "/www"), mounts.stream().map(MountSpec::target).toList());
        assertFalse(mounts.get(0).isAnonymousVolume());
        assertTrue(mounts.get(1).isAnonymousVolume() && mounts.get(2).isAnonymousVolume());
        Path www = runtime.inspectVolume(mounts.get(2).source()).orElseThrow().mountpoint();
        assertTrue(Files.exists(www.resolve("index.html")), "copy-up into the image's volume");

        runtime.removeContainer(info.id(), false, true);
        assertFalse(runtime.inspectVolume(mounts.get(1).source()).isPresent(), "rm -v removes anonymous volumes");
        assertFalse(runtime.inspectVolume(mounts.get(2).source()).isPresent());
        assertFalse(Files.exists(www), "and their directories");
        assertTrue(runtime.inspectVolume("berth-test-named").isPresent(), "named volumes stay");
        runtime.removeVolume("berth-test-named", false);
    }

    @Test
    void aNamedMountOfACarriedOverAnonymousVolumeKeepsItsDataAndStaysAnonymous() throws Exception {
        ContainerInfo first = run(spec("berth-test-carry-1", BUSYBOX, List.of("sh", "-c", "echo kept > /data/f"),
                new MountSpec(MountSpec.Type.VOLUME, null, "/data", false, null)));
        String volume = first.spec().mounts().get(0).source();
        runtime.removeContainer(first.id(), false, false);
        ContainerInfo second = run(spec("berth-test-carry-2", BUSYBOX, List.of("grep", "-q", "kept", "/data/f"),
                new MountSpec(MountSpec.Type.VOLUME, volume, "/data", false, null)));
        assertEquals(0, second.exitCode(), "the data survived");
        assertTrue(second.spec().mounts().get(0).isAnonymousVolume(), "still anonymous: rm -v removes it");
        runtime.removeContainer(second.id(), false, true);
        assertFalse(runtime.inspectVolume(volume).isPresent());
    }

    @Test
    void volumesFromSharesTheOtherContainersVolumesReadOnlyWhenAsked() throws Exception {
        ContainerInfo source = run(spec("berth-test-vf-source", BUSYBOX, List.of("true"),
                new MountSpec(MountSpec.Type.VOLUME, null, "/www", false, null)));
        String volume = source.spec().mounts().get(0).source();
        ContainerInfo reader = run(spec("berth-test-vf-reader", BUSYBOX,
                List.of("sh", "-c", "test -f /www/index.html && ! touch /www/x 2>/dev/null"),
                MountSpec.volumesFrom("berth-test-vf-source", "ro")));
        assertEquals(0, reader.exitCode(), "sees the copied-up file, cannot write");
        assertEquals(volume, reader.spec().mounts().get(0).source());
        assertTrue(reader.spec().mounts().get(0).readOnly());

        runtime.removeContainer(reader.id(), false, true);
        assertTrue(runtime.inspectVolume(volume).isPresent(), "rm -v skips a volume another container uses");
        runtime.removeContainer(source.id(), false, true);
        assertFalse(runtime.inspectVolume(volume).isPresent());
    }

    @Test
    void volumesFromAContainerThatDoesNotExistFailsNamingIt() {
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class, () -> runtime.createContainer(
                spec("berth-test-vf-missing", BUSYBOX, List.of("true"), MountSpec.volumesFrom("berth-test-nope", null))));
        assertEquals(RuntimeOperationException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("volumes_from container:berth-test-nope"), e.getMessage());
    }

    private static ContainerSpec spec(String name, ImageReference image, List<String> command, MountSpec mount) {
        return ContainerSpec.simple(name, image, command).withMounts(List.of(mount));
    }

    /** Creates, starts and waits for the container to exit; its info after the exit. */
    private static ContainerInfo run(ContainerSpec spec) {
        ContainerInfo info = runtime.createContainer(spec);
        runtime.startContainer(info.id());
        fixture.remember(runtime.inspectContainer(info.id()).orElseThrow());
        return runtime.waitForExit(info.id(), Duration.ofSeconds(30)).orElseThrow();
    }
}
