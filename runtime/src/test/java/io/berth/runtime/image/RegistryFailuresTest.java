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

    /** A push of busybox in chunks of 256 KiB (the layer is about 1 MB), the progress kept in {@code events}. */
    private void pushInChunks(ImageReference target, List<PushProgress> events) throws Exception {
        ImageStore store = ImageStore.open(root.config().stateRoot(), UnpackLimits.DEFAULT);
        new Pusher(store, 64 * 1024, 256 * 1024).push(target, new RegistryClient(target.registry()), events::add);
    }

    private static long layerSize(List<PushProgress> events) {
        String layer = BusyboxImage.get().layerDigest();
        return events.stream().filter(p -> p.digest().toString().equals(layer)).findFirst().orElseThrow().sizeBytes();
    }

    private void assertPullsBackTheSameImage(ImageReference target) throws Exception {
        try (TempStateRoot other = new TempStateRoot()) {
            assertEquals(BusyboxImage.get().configDigest(),
                    ImageService.open(other.config()).pull(target, settings, p -> { }).id().toString());
        }
    }

    @Test
    void aChunkedUploadCutBetweenChunksGoesOnFromWhereTheRegistrySaysItGot() throws Exception {
        images.load(BusyboxImage.ociArchive());
        ImageReference target = throughProxy("resumed/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        int faults = proxy.faultsDone();
        int statusQueries = proxy.requests("GET");
        int sessions = proxy.requests("POST");
        proxy.armAtRequest("PATCH", 3); // the registry holds 2 chunks (512 KiB) when the third is cut
        List<PushProgress> events = new CopyOnWriteArrayList<>();
        pushInChunks(target, events);
        assertEquals(faults + 1, proxy.faultsDone());
        long sentAfterTheDrop = proxy.bytesToServer() - proxy.bytesToServerAtFault();
        long layerSize = layerSize(events);
        // the rest of the layer, the config, the manifest and headers: the first 512 KiB are not sent again
        assertTrue(sentAfterTheDrop < layerSize - 400 * 1024, sentAfterTheDrop + " bytes after the drop, layer " + layerSize);
        assertEquals(statusQueries + 1, proxy.requests("GET"), "one GET of the upload's status");
        assertEquals(sessions + 2, proxy.requests("POST"), "no second session for the layer (one for the config)");
        String layer = BusyboxImage.get().layerDigest();
        List<Long> sent = events.stream().filter(p -> p.digest().toString().equals(layer)
                && p.stage() == PushProgress.Stage.PUSHING).map(PushProgress::bytesSent).toList();
        // back to what the registry holds (the cut chunk was handed to the connection), never to 0
        List<Long> afterStart = sent.subList(sent.indexOf(256L * 1024), sent.size());
        assertFalse(afterStart.contains(0L), "progress resumes, it does not start over: " + sent);
        assertEquals(layerSize, sent.get(sent.size() - 1));
        assertPullsBackTheSameImage(target);
    }

    @Test
    void aChunkCutHalfWayIsStartedOverWhenTheRegistryNoLongerKnowsTheSession() throws Exception {
        images.load(BusyboxImage.ociArchive());
        ImageReference target = throughProxy("restarted/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        int faults = proxy.faultsDone();
        int statusQueries = proxy.requests("GET");
        int sessions = proxy.requests("POST");
        // inside the third chunk's body: docker-registry 2.8 has stored part of it, so the offset
        // signed into the upload URL no longer matches and it refuses (and deletes) the session
        proxy.armAtRequest("PATCH", 3, 128 * 1024);
        pushInChunks(target, new CopyOnWriteArrayList<>());
        assertEquals(faults + 1, proxy.faultsDone());
        assertEquals(statusQueries + 1, proxy.requests("GET"), "the upload's status is asked before starting over");
        // a registry that reports the size it holds (distribution 3) would be resumed: 2 sessions
        assertEquals(sessions + 3, proxy.requests("POST"), "a new session for the layer, as docker-registry 2.8 wants");
        assertPullsBackTheSameImage(target);
    }

    @Test
    void aFinalPutWhoseAnswerIsLostIsNotUploadedAgain() throws Exception {
        images.load(BusyboxImage.ociArchive());
        ImageReference target = throughProxy("answerless/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        int faults = proxy.faultsDone();
        int sessions = proxy.requests("POST");
        int puts = proxy.requests("PUT");
        proxy.armAtResponse("PUT", 1); // the layer's PUT: the registry has the blob, Berth hears nothing
        images.push(target, settings, p -> { });
        assertEquals(faults + 1, proxy.faultsDone());
        assertEquals(sessions + 2, proxy.requests("POST"), "no second session for the layer (one for the config)");
        assertEquals(puts + 3, proxy.requests("PUT"), "layer, config, manifest: each once");
        assertPullsBackTheSameImage(target);
    }

    @Test
    void anUploadThatKeepsDroppingFailsClearlyNoTagAppearsAndTheNextPushWorks() throws Exception {
        images.load(BusyboxImage.ociArchive());
        ImageReference target = throughProxy("dropping/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        proxy.arm(Fault.CUT, Direction.TO_SERVER, FAULT_AT, 100);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.push(target, settings, p -> { }));
        assertTrue(e.getMessage().contains("the connection dropped 3 times")
                && e.getMessage().contains(BusyboxImage.get().layerDigest()), e.getMessage());
        proxy.arm(Fault.CUT, Direction.TO_SERVER, FAULT_AT, 0);
        try (TempStateRoot other = new TempStateRoot()) {
            RuntimeOperationException missing = assertThrows(RuntimeOperationException.class,
                    () -> ImageService.open(other.config()).pull(target, settings, p -> { }));
            assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        }
        images.push(target, settings, p -> { });
        assertPullsBackTheSameImage(target);
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
