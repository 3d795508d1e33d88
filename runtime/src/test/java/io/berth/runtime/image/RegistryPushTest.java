package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.PushProgress;
import io.berth.runtime.RuntimeOperationException;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.LocalRegistry;
import io.berth.runtime.state.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushes to a real registry (docker-registry on 127.0.0.1, no auth), read back by skopeo and by a pull. */
class RegistryPushTest extends ImageServiceTest {
    private static LocalRegistry registry;
    private Path noDockerConfig;

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

    @BeforeEach
    void prepare() throws Exception {
        noDockerConfig = root.dir.resolve("docker-config");
        images.load(BusyboxImage.ociArchive());
    }

    @Test
    void pushesEveryBlobThenSkipsWhatTheRegistryHasAndSkopeoReadsIt() throws Exception {
        ImageReference target = ImageReference.parse(registry.hostPort() + "/pushed/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        List<PushProgress> first = new CopyOnWriteArrayList<>();
        Digest manifest = images.push(target, noDockerConfig, first::add);
        assertEquals(2, first.stream().filter(p -> p.stage() == PushProgress.Stage.PUSHED).count(), first.toString());

        List<PushProgress> second = new CopyOnWriteArrayList<>();
        assertEquals(manifest, images.push(target, noDockerConfig, second::add));
        assertTrue(second.stream().noneMatch(p -> p.stage() == PushProgress.Stage.PUSHING), second.toString());
        assertEquals(2, second.stream().filter(p -> p.stage() == PushProgress.Stage.ALREADY_EXISTS).count());

        JsonNode inspected = Json.MAPPER.readTree(Skopeo.inspect(target.canonical(), null));
        assertEquals(manifest.toString(), inspected.path("Digest").asText());
        assertEquals(List.of(BusyboxImage.get().layerDigest()),
                List.of(inspected.path("Layers").get(0).asText()));
    }

    @Test
    void aSecondRepositoryOfTheSameRegistryMountsTheBlobsInsteadOfUploadingThem() throws Exception {
        ImageReference first = ImageReference.parse(registry.hostPort() + "/mount/source:v1");
        ImageReference second = ImageReference.parse(registry.hostPort() + "/mount/target:v1");
        images.tag(BusyboxImage.NAME, first);
        images.push(first, noDockerConfig, p -> { });
        images.tag(BusyboxImage.NAME, second);
        List<PushProgress> progress = new CopyOnWriteArrayList<>();
        Digest manifest = images.push(second, noDockerConfig, progress::add);
        assertEquals(2, progress.stream().filter(p -> p.stage() == PushProgress.Stage.MOUNTED).count(), progress.toString());
        assertEquals(manifest.toString(), Json.MAPPER.readTree(Skopeo.inspect(second.canonical(), null)).path("Digest").asText());
    }

    @Test
    void whatWasPushedPullsBackIntoAnEmptyStore() throws Exception {
        ImageReference target = ImageReference.parse(registry.hostPort() + "/roundtrip:v1");
        images.tag(BusyboxImage.NAME, target);
        images.push(target, noDockerConfig, p -> { });
        try (TempStateRoot other = new TempStateRoot()) {
            ImageInfo pulled = ImageService.open(other.config()).pull(target, noDockerConfig, p -> { });
            assertEquals(BusyboxImage.get().configDigest(), pulled.id().toString());
        }
    }

    @Test
    void anImageThatIsNotHereIsNotFound() {
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class, () -> images.push(
                ImageReference.parse(registry.hostPort() + "/absent:v1"), noDockerConfig, p -> { }));
        assertEquals(RuntimeOperationException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void aRegistryThatIsNotThereSaysSo() {
        ImageReference target = ImageReference.parse("127.0.0.1:1/nowhere:v1");
        images.tag(BusyboxImage.NAME, target);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.push(target, noDockerConfig, p -> { }));
        assertTrue(e.getMessage().contains("cannot reach http://127.0.0.1:1"), e.getMessage());
    }
}
