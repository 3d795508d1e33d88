package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.image.registry.RegistryClient;
import io.berth.runtime.state.Json;
import io.berth.testfixtures.LocalRegistry;
import io.berth.testfixtures.TarBuilder;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An image that came from a multi-platform index (pulled from a real docker-registry, or loaded
 * from an OCI layout) is pushed as the one platform manifest Berth holds under its name, as
 * Docker 20.10 pushes a pulled image: the pushed tag is that manifest, byte for byte, not an index.
 */
class IndexPushTest {
    private static LocalRegistry registry;
    private TempStateRoot root;
    private ImageService images;
    private RegistrySettings settings;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs /usr/bin/docker-registry and skopeo");
        registry = LocalRegistry.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void open() throws Exception {
        root = new TempStateRoot();
        images = ImageService.open(root.config());
        settings = new RegistrySettings(root.dir.resolve("docker-config"), root.dir.resolve("certs.d"), Set.of());
    }

    @AfterEach
    void clean() throws Exception {
        root.close();
    }

    /** The digest of the host's manifest in the index the registry serves as {@code repository:tag}. */
    private static Digest hostManifestOf(String repository, String tag) throws Exception {
        RegistryClient.Fetched index = new RegistryClient(registry.hostPort()).manifest(repository, tag);
        assertEquals(MediaTypes.OCI_INDEX, index.contentType());
        for (JsonNode entry : Json.MAPPER.readTree(index.body()).path("manifests")) {
            if (entry.path("platform").path("architecture").asText().equals(Platform.architecture())) {
                return Digest.parse(entry.path("digest").asText());
            }
        }
        throw new AssertionError("no manifest for " + Platform.architecture());
    }

    private void assertPushedAsTheHostsManifest(ImageReference target, Digest pushed, Digest hostManifest)
            throws Exception {
        assertEquals(hostManifest, pushed);
        RegistryClient.Fetched served = new RegistryClient(registry.hostPort()).manifest(target.repository(), target.tag());
        assertEquals(MediaTypes.OCI_MANIFEST, served.contentType(), "a manifest, not an index");
        assertEquals(hostManifest, Digest.sha256(served.body()));
        JsonNode inspected = Json.MAPPER.readTree(Skopeo.inspect(target.canonical(), null));
        assertEquals(hostManifest.toString(), inspected.path("Digest").asText());
        assertEquals(Platform.architecture(), inspected.path("Architecture").asText());
    }

    @Test
    void anImagePulledFromAnIndexIsPushedAsItsPlatformsManifest() throws Exception {
        OciArchiveBuilder archive = new OciArchiveBuilder(new TarBuilder().file("hello", "pulled").bytes()).multiPlatform();
        registry.push(archive.write(root.dir.resolve("index.tar")), "multi:1");
        ImageInfo pulled = images.pull(ImageReference.parse(registry.hostPort() + "/multi:1"), settings, p -> { });
        ImageReference target = ImageReference.parse(registry.hostPort() + "/copied/multi:1");
        images.tag(ImageReference.parse(registry.hostPort() + "/multi:1"), target);
        Digest pushed = images.push(target, settings, p -> { });
        assertPushedAsTheHostsManifest(target, pushed, hostManifestOf("multi", "1"));
        try (TempStateRoot other = new TempStateRoot()) {
            assertEquals(pulled.id(), ImageService.open(other.config()).pull(target, settings, p -> { }).id());
        }
    }

    @Test
    void anOciLayoutWithAnIndexIsPushedAsTheHostsManifest() throws Exception {
        OciArchiveBuilder archive = new OciArchiveBuilder(new TarBuilder().file("hello", "loaded").bytes())
                .multiPlatform().name(registry.hostPort() + "/layout:1");
        registry.push(archive.write(root.dir.resolve("layout.tar")), "reference:1"); // the same index, to compare with
        images.load(archive.write(root.dir.resolve("layout-again.tar")));
        ImageReference target = ImageReference.parse(registry.hostPort() + "/layout:1");
        Digest pushed = images.push(target, settings, p -> { });
        assertPushedAsTheHostsManifest(target, pushed, hostManifestOf("reference", "1"));
    }

    @Test
    void anImagePulledByItsIndexDigestIsFoundByThatDigestAndPushedUnderATag() throws Exception {
        OciArchiveBuilder archive = new OciArchiveBuilder(new TarBuilder().file("hello", "by digest").bytes()).multiPlatform();
        registry.push(archive.write(root.dir.resolve("pinned.tar")), "pinned:1");
        Digest index = Digest.sha256(new RegistryClient(registry.hostPort()).manifest("pinned", "1").body());
        ImageReference byDigest = ImageReference.parse(registry.hostPort() + "/pinned@" + index);
        ImageInfo pulled = images.pull(byDigest, settings, p -> { });
        assertEquals(pulled.id(), images.resolve(byDigest).orElseThrow(
                () -> new AssertionError("the digest it was pulled by does not find it")).id());
        assertEquals(java.util.List.of(registry.hostPort() + "/pinned@" + index), images.repoDigests(pulled.id()));
        ImageReference target = ImageReference.parse(registry.hostPort() + "/pinned-copy:1");
        images.tag(byDigest, target);
        assertPushedAsTheHostsManifest(target, images.push(target, settings, p -> { }), hostManifestOf("pinned", "1"));
    }
}
