package io.berth.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.PullProgress;
import io.berth.runtime.PullProgress.Stage;
import io.berth.runtime.image.registry.RegistryClient;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code docker pull}: resolves a reference to the host platform's manifest, fetches the config
 * and the layers it lacks (at most {@link #PARALLEL_DOWNLOADS} at a time), checks every digest
 * and diff_id, unpacks, and only then records the name.
 */
public final class Puller {
    static final int PARALLEL_DOWNLOADS = 3;
    private final ImageStore store;
    private final IncomingContent incoming;
    private final java.util.function.Function<String, RegistryClient> clients;

    public Puller(ImageStore store) {
        this(store, RegistryClient::new);
    }

    /** A puller whose registry clients (one per registry host, with its credentials) come from {@code clients}. */
    public Puller(ImageStore store, java.util.function.Function<String, RegistryClient> clients) {
        this.store = store;
        this.incoming = new IncomingContent(store);
        this.clients = clients;
    }

    public ImageInfo pull(ImageReference reference, Consumer<PullProgress> progress) throws IOException {
        try {
            return pullAll(reference, progress);
        } catch (IOException | RuntimeException e) {
            incoming.discard(); // nothing of a failed transfer is kept
            throw e;
        }
    }

    private ImageInfo pullAll(ImageReference reference, Consumer<PullProgress> progress) throws IOException {
        RegistryClient registry = clients.apply(reference.registry());
        String repository = reference.repository();
        progress.accept(new PullProgress(null, Stage.RESOLVING, 0, -1));
        String wanted = reference.digest() != null ? reference.digest().toString() : reference.tag();
        RegistryClient.Fetched fetched = registry.manifest(repository, wanted);
        if (reference.digest() != null) {
            check(fetched.body(), reference.digest(), "manifest " + reference);
        } else if (fetched.claimedDigest() != null && fetched.claimedDigest().startsWith("sha256:")) {
            check(fetched.body(), Digest.parse(fetched.claimedDigest()), "manifest " + reference
                    + " (Docker-Content-Digest)");
        }
        JsonNode json = Json.MAPPER.readTree(fetched.body());
        String mediaType = fetched.contentType().isEmpty() ? json.path("mediaType").asText("") : fetched.contentType();
        if (json.path("schemaVersion").asInt() == 1 || mediaType.startsWith("application/vnd.docker.distribution.manifest.v1")) {
            throw new IOException(reference + " has a Docker schema 1 manifest, which Docker itself no longer"
                    + " pulls; push it again with a current tool");
        }
        if (MediaTypes.isIndex(mediaType) || json.has("manifests")) {
            Descriptor chosen = PlatformSelector.select(json, "manifest list " + reference);
            fetched = registry.manifest(repository, chosen.digest().toString());
            check(fetched.body(), chosen.digest(), "manifest " + chosen.digest());
            mediaType = chosen.mediaType();
        }
        byte[] manifestJson = fetched.body();
        Manifest manifest = Manifest.parse(manifestJson, "manifest of " + reference);
        Digest imageId = manifest.config().digest();
        if (!store.blobs().has(imageId)) {
            try (InputStream in = registry.blob(repository, imageId)) {
                incoming.putBlob(in, imageId, "config " + imageId);
            }
        }
        JsonNode config = ImageConfigs.parseIncoming(store.blobs().read(imageId), "config " + imageId);
        Platform.requireRunnable(config, reference.toString());
        List<Digest> diffIds = ImageConfigs.diffIds(config);
        if (diffIds.size() != manifest.layers().size()) {
            throw new IOException("manifest of " + reference + " has " + manifest.layers().size()
                    + " layers but its config " + diffIds.size() + " diff_ids");
        }
        fetchLayers(registry, repository, manifest.layers(), diffIds, progress);
        Digest manifestDigest = incoming.putBlob(manifestJson);
        String type = mediaType.isEmpty() ? manifest.mediaType() : mediaType;
        // Pulled by digest: named by the digest asked for (an index's, when it was one), as Docker
        // does, so that the same reference finds the image afterwards instead of pulling it again.
        ImageReference name = reference.tag() != null ? reference.withTag(reference.tag())
                : new ImageReference(reference.registry(), repository, null,
                        reference.digest() != null ? reference.digest() : manifestDigest);
        store.add(new Descriptor(type, manifestDigest, manifestJson.length), imageId, List.of(name));
        store.recordPull(name, java.time.Instant.now());
        ImageInfo image = store.info(imageId);
        progress.accept(new PullProgress(manifestDigest, Stage.DONE, 0, -1));
        return image;
    }

    private void fetchLayers(RegistryClient registry, String repository, List<Descriptor> layers, List<Digest> diffIds,
                             Consumer<PullProgress> progress) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_DOWNLOADS, layers.size())),
                runnable -> {
                    Thread thread = new Thread(runnable, "berth-pull");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<?>> downloads = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                Descriptor layer = layers.get(i);
                Digest diffId = diffIds.get(i);
                downloads.add(pool.submit(() -> {
                    fetchLayer(registry, repository, layer, diffId, progress);
                    return null;
                }));
            }
            for (Future<?> download : downloads) {
                try {
                    download.get();
                } catch (ExecutionException e) {
                    downloads.forEach(f -> f.cancel(true));
                    throw e.getCause() instanceof IOException io ? io
                            : new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void fetchLayer(RegistryClient registry, String repository, Descriptor layer, Digest diffId,
                            Consumer<PullProgress> progress) throws IOException {
        Digest digest = layer.digest();
        boolean haveBlob = store.blobs().has(digest);
        if (haveBlob && store.layers().has(diffId)) {
            progress.accept(new PullProgress(digest, Stage.ALREADY_EXISTS, 0, layer.size()));
            return;
        }
        if (!haveBlob) {
            // One pass: downloaded, hashed, decompressed and unpacked as the bytes arrive.
            progress.accept(new PullProgress(digest, Stage.DOWNLOADING, 0, layer.size()));
            try (InputStream in = new ProgressInputStream(registry.blob(repository, digest),
                    bytes -> progress.accept(new PullProgress(digest, Stage.DOWNLOADING, bytes, layer.size())))) {
                incoming.intakeLayer(in, digest, diffId, "layer " + digest);
            }
            progress.accept(new PullProgress(digest, Stage.DOWNLOADED, layer.size(), layer.size()));
            progress.accept(new PullProgress(digest, Stage.EXTRACTING, layer.size(), layer.size()));
        } else {
            progress.accept(new PullProgress(digest, Stage.EXTRACTING, 0, layer.size()));
            try (InputStream in = java.nio.file.Files.newInputStream(store.blobs().path(digest))) {
                incoming.unpackLayer(in, diffId, "layer " + digest);
            }
        }
        progress.accept(new PullProgress(digest, Stage.PULL_COMPLETE, layer.size(), layer.size()));
    }

    private static void check(byte[] content, Digest expected, String what) throws DigestMismatchException {
        Digest actual = Digest.sha256(content);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(what, expected, actual);
        }
    }
}
