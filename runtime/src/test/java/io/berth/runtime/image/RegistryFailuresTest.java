package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.PushProgress;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.UnpackLimits;
import io.berth.runtime.image.registry.RegistryClient;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.FaultyProxy;
import io.berth.testfixtures.FaultyProxy.Direction;
import io.berth.testfixtures.FaultyProxy.Fault;
import io.berth.testfixtures.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real docker-registry behind a proxy on 127.0.0.1 that drops or corrupts the transfer of a
 * blob: each failure is a clear error, leaves nothing half-stored, and the next try works.
 * The busybox layer is far larger than {@link #FAULT_AT}; manifests and configs far smaller.
 */
class RegistryFailuresTest extends ImageServiceTest {
    private static final long FAULT_AT = 150_000;
    private static LocalRegistry registry;
    private static FaultyProxy proxy;
    private RegistrySettings settings;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs /usr/bin/docker-registry and skopeo");
        registry = LocalRegistry.start();
        registry.pushBusybox();
        proxy = FaultyProxy.start(Integer.parseInt(registry.hostPort().substring(registry.hostPort().indexOf(':') + 1)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void prepare() throws Exception {
        settings = new RegistrySettings(root.dir.resolve("docker-config"), root.dir.resolve("certs.d"), Set.of());
        proxy.arm(Fault.CUT, Direction.TO_CLIENT, FAULT_AT, 0);
    }

    private ImageReference throughProxy(String repositoryAndTag) {
        return ImageReference.parse(proxy.hostPort() + "/" + repositoryAndTag);
    }

    private void assertNothingOfTheLayerStored() throws Exception {
        String layerHex = BusyboxImage.get().layerDigest().substring("sha256:".length());
        try (Stream<Path> files = Files.walk(root.config().stateRoot())) {
            List<Path> found = files.filter(p -> p.getFileName().toString().contains(layerHex)).toList();
            assertTrue(found.isEmpty(), found.toString());
        }
        assertTrue(images.list().isEmpty());
    }

    @Test
    void aDroppedBlobDownloadIsResumedWithARangeRequest() {
        proxy.arm(Fault.CUT, Direction.TO_CLIENT, FAULT_AT, 1);
        int ranges = proxy.rangeRequests();
        int faults = proxy.faultsDone();
        ImageInfo pulled = images.pull(throughProxy("busybox:test"), settings, p -> { });
        assertEquals(BusyboxImage.get().configDigest(), pulled.id().toString());
        assertEquals(faults + 1, proxy.faultsDone());
        assertEquals(ranges + 1, proxy.rangeRequests());
    }

    @Test
    void aDownloadThatKeepsDroppingFailsClearlyLeavesNothingAndTheNextTryWorks() throws Exception {
        proxy.arm(Fault.CUT, Direction.TO_CLIENT, FAULT_AT, 100);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.pull(throughProxy("busybox:test"), settings, p -> { }));
        assertTrue(e.getMessage().contains("dropped") && e.getMessage().contains("resumed"), e.getMessage());
        assertNothingOfTheLayerStored();
        proxy.arm(Fault.CUT, Direction.TO_CLIENT, FAULT_AT, 0);
        images.pull(throughProxy("busybox:test"), settings, p -> { });
    }

    @Test
    void aCorruptedDownloadIsADigestMismatchLeavesNothingAndTheNextTryWorks() throws Exception {
        proxy.arm(Fault.FLIP, Direction.TO_CLIENT, FAULT_AT, 1);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.pull(throughProxy("busybox:test"), settings, p -> { }));
        assertTrue(e.getMessage().contains(BusyboxImage.get().layerDigest()) && e.getMessage().contains("digest"),
                e.getMessage());
        assertNothingOfTheLayerStored();
        images.pull(throughProxy("busybox:test"), settings, p -> { });
    }

    @Test
    void aDroppedUploadIsStartedOverAndThePushCompletes() throws Exception {
        images.load(BusyboxImage.ociArchive());
        ImageReference target = throughProxy("dropped/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        int faults = proxy.faultsDone();
        proxy.arm(Fault.CUT, Direction.TO_SERVER, FAULT_AT, 1);
        images.push(target, settings, p -> { });
        assertEquals(faults + 1, proxy.faultsDone());
        try (TempStateRoot other = new TempStateRoot()) {
            assertEquals(BusyboxImage.get().configDigest(),
                    ImageService.open(other.config()).pull(target, settings, p -> { }).id().toString());
        }
    }

    @Test
    void aCorruptedUploadIsRefusedByTheRegistryNoTagAppearsAndTheNextPushWorks() throws Exception {
        images.load(BusyboxImage.ociArchive());
        ImageReference target = throughProxy("corrupted/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        proxy.arm(Fault.FLIP, Direction.TO_SERVER, FAULT_AT, 1);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.push(target, settings, p -> { }));
        assertTrue(e.getMessage().contains("DIGEST_INVALID") || e.getMessage().contains("digest"), e.getMessage());
        try (TempStateRoot other = new TempStateRoot()) {
            RuntimeOperationException missing = assertThrows(RuntimeOperationException.class,
                    () -> ImageService.open(other.config()).pull(target, settings, p -> { }));
            assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        }
        images.push(target, settings, p -> { });
    }

    @Test
    void anUnknownHostIsNamedAsSuchWithoutAnyTraffic() {
        images.load(BusyboxImage.ociArchive());
        ImageReference target = ImageReference.parse("nosuch.invalid/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        for (Runnable attempt : List.<Runnable>of(() -> images.push(target, settings, p -> { }),
                () -> images.pull(target, settings, p -> { }))) {
            RuntimeOperationException e = assertThrows(RuntimeOperationException.class, attempt::run);
            assertTrue(e.getMessage().contains("nosuch.invalid") && e.getMessage().contains("unknown host"), e.getMessage());
        }
    }

    @Test
    void largeBlobsGoInChunksWithProgressPerLayer() throws Exception {
        images.load(BusyboxImage.ociArchive());
        ImageReference target = throughProxy("chunked/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        int patches = proxy.requests("PATCH");
        List<PushProgress> events = new CopyOnWriteArrayList<>();
        ImageStore store = ImageStore.open(root.config().stateRoot(), UnpackLimits.DEFAULT);
        new Pusher(store, 64 * 1024, 256 * 1024).push(target, new RegistryClient(target.registry()), events::add);
        String layer = BusyboxImage.get().layerDigest();
        long layerSize = events.stream().filter(p -> p.digest().toString().equals(layer)).findFirst().orElseThrow().sizeBytes();
        assertTrue(proxy.requests("PATCH") - patches >= layerSize / (256 * 1024), "PATCH requests: " + proxy.requests("PATCH"));
        List<Long> sent = events.stream().filter(p -> p.digest().toString().equals(layer)
                && p.stage() == PushProgress.Stage.PUSHING && p.bytesSent() > 0).map(PushProgress::bytesSent).toList();
        assertFalse(sent.isEmpty());
        assertEquals(layerSize, sent.get(sent.size() - 1));
        try (TempStateRoot other = new TempStateRoot()) {
            assertEquals(BusyboxImage.get().configDigest(),
                    ImageService.open(other.config()).pull(target, settings, p -> { }).id().toString());
        }
    }
}
