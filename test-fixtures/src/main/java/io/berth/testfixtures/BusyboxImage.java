package io.berth.testfixtures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The busybox base image of the tests, made from the host's static busybox by
 * {@code test-fixtures/scripts/busybox-rootfs} (the single source of its root filesystem), as
 * (a) that rootfs tar, (b) an OCI image archive and (c) a docker-save archive, all named
 * {@value #NAME}. Built once and cached under /tmp/berth-fixtures, keyed by the script and
 * the busybox binary, so test classes and modules share them.
 */
public final class BusyboxImage {
    public static final String NAME = "busybox:test";
    public static final String FULL_NAME = "docker.io/library/busybox:test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CACHE = Path.of("/tmp/berth-fixtures");
    private static final String BUSYBOX = "/bin/busybox";
    private static Built built;

    private BusyboxImage() {
    }

    /** What was built: the three files and the digests tests compare against. */
    public record Built(Path rootfsTar, Path ociArchive, Path dockerArchive, String diffId, String layerDigest,
                        String configDigest, String manifestDigest) {
    }

    public static Path rootfsTar() {
        return get().rootfsTar();
    }

    public static Path ociArchive() {
        return get().ociArchive();
    }

    public static Path dockerArchive() {
        return get().dockerArchive();
    }

    public static synchronized Built get() {
        if (built == null) {
            try {
                built = build();
            } catch (IOException e) {
                throw new UncheckedIOException("build the busybox fixture image", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return built;
    }

    private static Built build() throws IOException, InterruptedException {
        Path script = FixtureFiles.script("busybox-rootfs");
        Path busybox = Path.of(BUSYBOX);
        String key = FixtureFiles.sha256Hex((FixtureFiles.sha256Hex(Files.readAllBytes(script)) + Files.size(busybox)
                + Files.getLastModifiedTime(busybox)).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Path dir = CACHE.resolve("busybox-" + key);
        Path rootfs = dir.resolve("rootfs.tar");
        if (!Files.exists(rootfs)) {
            Files.createDirectories(dir);
            Path temp = dir.resolve("rootfs.tar.tmp-" + ProcessHandle.current().pid());
            Process process = new ProcessBuilder(script.toString(), temp.toString()).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IOException(script + " failed with exit code " + process.exitValue());
            }
            Files.move(temp, rootfs, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] layerTar = Files.readAllBytes(rootfs);
        byte[] layerGzip = TarBuilder.gzip(layerTar);
        String diffId = "sha256:" + FixtureFiles.sha256Hex(layerTar);
        String layerDigest = "sha256:" + FixtureFiles.sha256Hex(layerGzip);
        byte[] config = config(diffId);
        String configDigest = "sha256:" + FixtureFiles.sha256Hex(config);
        byte[] manifest = manifest(configDigest, config.length, layerDigest, layerGzip.length);
        String manifestDigest = "sha256:" + FixtureFiles.sha256Hex(manifest);

        Path oci = dir.resolve("busybox-oci.tar");
        if (!Files.exists(oci)) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            files.put("index.json", index(manifestDigest, manifest.length));
            files.put(blob(manifestDigest), manifest);
            files.put(blob(configDigest), config);
            files.put(blob(layerDigest), layerGzip);
            FixtureFiles.writeAtomically(oci, tar(files));
        }
        Path docker = dir.resolve("busybox-docker.tar");
        if (!Files.exists(docker)) {
            String layerDir = diffId.substring("sha256:".length());
            String configName = configDigest.substring("sha256:".length()) + ".json";
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(configName, config);
            files.put(layerDir + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
            files.put(layerDir + "/layer.tar", layerTar);
            ArrayNode manifests = JSON.createArrayNode();
            ObjectNode image = manifests.addObject();
            image.put("Config", configName);
            image.putArray("RepoTags").add(NAME);
            image.putArray("Layers").add(layerDir + "/layer.tar");
            files.put("manifest.json", JSON.writeValueAsBytes(manifests));
            ObjectNode repositories = JSON.createObjectNode();
            repositories.putObject("busybox").put("test", layerDir);
            files.put("repositories", JSON.writeValueAsBytes(repositories));
            FixtureFiles.writeAtomically(docker, tar(files));
        }
        return new Built(rootfs, oci, docker, diffId, layerDigest, configDigest, manifestDigest);
    }

    private static String blob(String digest) {
        return "blobs/sha256/" + digest.substring("sha256:".length());
    }

    static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    private static byte[] config(String diffId) throws IOException {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", architecture());
        config.put("os", "linux");
        config.put("created", "2024-01-01T00:00:00Z");
        ObjectNode run = config.putObject("config");
        run.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        run.putArray("Cmd").add("sh");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId);
        config.putArray("history").addObject().put("created", "2024-01-01T00:00:00Z")
                .put("created_by", "test-fixtures/scripts/busybox-rootfs");
        return JSON.writeValueAsBytes(config);
    }

    private static byte[] manifest(String configDigest, long configSize, String layerDigest, long layerSize)
            throws IOException {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", configDigest).put("size", configSize);
        manifest.putArray("layers").addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
                .put("digest", layerDigest).put("size", layerSize);
        return JSON.writeValueAsBytes(manifest);
    }

    private static byte[] index(String manifestDigest, long manifestSize) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ObjectNode descriptor = index.putArray("manifests").addObject()
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", manifestDigest).put("size", manifestSize);
        // ref.name "test" is what skopeo and umoci look up; the containerd name is what docker load reads.
        descriptor.putObject("annotations").put("org.opencontainers.image.ref.name", "test")
                .put("io.containerd.image.name", FULL_NAME);
        return JSON.writeValueAsBytes(index);
    }

    private static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setModTime(FileTime.fromMillis(1_704_067_200_000L));
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
