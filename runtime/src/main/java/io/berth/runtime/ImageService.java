package io.berth.runtime;

import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.image.ArchiveLoader;
import io.berth.runtime.image.ImageConflictException;
import io.berth.runtime.image.ImageNotFoundException;
import io.berth.runtime.image.ImageStore;
import io.berth.runtime.image.RootfsImporter;
import io.berth.runtime.image.Puller;
import io.berth.runtime.image.Pusher;
import io.berth.runtime.state.ContainerLayout;
import io.berth.runtime.state.ContainerRecord;
import io.berth.runtime.state.ContainerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Images on this host: the content-addressed store under {@code <stateRoot>/images}, with load,
 * import, pull, tag and remove. Image operations are file operations under a lock, so the CLI
 * and the supervisor both use this class directly, side by side, on one state root.
 *
 * Every method completes or throws {@link RuntimeOperationException} saying what it tried.
 */
public final class ImageService {
    private final ImageStore store;
    private final RuntimeConfig config;

    private ImageService(ImageStore store, RuntimeConfig config) {
        this.store = store;
        this.config = config;
    }

    public static ImageService open(RuntimeConfig config) {
        return open(config, UnpackLimits.DEFAULT);
    }

    public static ImageService open(RuntimeConfig config, UnpackLimits limits) {
        try {
            return new ImageService(ImageStore.open(config.stateRoot(), limits), config);
        } catch (IOException e) {
            throw failed("open the image store under " + config.stateRoot(), e);
        }
    }

    /** The image a reference names (by tag, or by manifest digest for name@sha256:...). */
    public Optional<ImageInfo> resolve(ImageReference reference) {
        return call("look up image " + reference, () -> store.resolve(reference));
    }

    /** An image by what a person typed: a reference, an id (sha256:HEX) or a unique id prefix. */
    public Optional<ImageInfo> find(String referenceOrId) {
        return call("look up image " + referenceOrId, () -> store.find(referenceOrId));
    }

    /** Every image, newest first, each once with all its names. */
    public List<ImageInfo> list() {
        return call("list images", store::list);
    }

    /** The unpacked layer roots of an image, TOP-MOST FIRST: overlayfs lowerdir order. */
    public List<Path> layerDirs(Digest imageId) {
        return call("find the layers of image " + imageId, () -> store.layerDirs(imageId));
    }

    /** The image's config JSON as stored (the blob its id names), for inspect. */
    public byte[] configJson(Digest imageId) {
        return call("read the config of image " + imageId, () -> store.configJson(imageId));
    }

    /** docker history: the steps that made the image, oldest first. */
    /** docker inspect's RepoDigests: name@manifest-digest for the names pulled from a registry or given by digest. */
    public List<String> repoDigests(Digest imageId) {
        return call("read the digests of image " + imageId, () -> store.repoDigests(imageId));
    }

    public List<ImageHistoryEntry> history(Digest imageId) {
        return call("read the history of image " + imageId,
                () -> io.berth.runtime.image.ImageHistory.of(store, imageId));
    }

    /**
     * docker save: the images (names, ids or id prefixes) into one tar that docker load reads
     * (manifest.json); written whole or not at all.
     */
    public void save(List<String> imagesToSave, Path output) {
        save(imagesToSave, output, false);
    }

    /** As {@link #save(List, Path)}; {@code oci}: an OCI image layout instead of Docker's manifest.json. */
    public void save(List<String> imagesToSave, Path output, boolean oci) {
        var format = oci ? io.berth.runtime.image.ImageSaver.Format.OCI : io.berth.runtime.image.ImageSaver.Format.DOCKER;
        call("save " + String.join(", ", imagesToSave) + " to " + output, () -> {
            new io.berth.runtime.image.ImageSaver(store, format).save(imagesToSave, output);
            return null;
        });
    }

    /** Loads every image of a docker-save or OCI archive (gzip or not); returns them. */
    public List<ImageInfo> load(Path archive) {
        return call("load images from " + archive, () -> new ArchiveLoader(store).load(archive));
    }

    /**
     * Makes a one-layer image of a root filesystem tar (gzip or not), like docker import;
     * {@code changes} are Dockerfile lines: CMD, ENTRYPOINT, ENV, WORKDIR, USER, EXPOSE, LABEL,
     * VOLUME, STOPSIGNAL.
     */
    public ImageInfo importRootfs(Path rootfsTar, ImageReference reference, List<String> changes) {
        return call("import " + rootfsTar + " as " + reference,
                () -> new RootfsImporter(store).importRootfs(rootfsTar, reference, changes));
    }

    /** Pulls, with the credentials that the Docker config in {@code dockerConfigDir} holds for the registry. */
    public ImageInfo pull(ImageReference reference, Path dockerConfigDir, Consumer<PullProgress> progress) {
        return pull(reference, RegistrySettings.ofDockerConfig(dockerConfigDir), progress);
    }

    /** Pulls with the credentials and TLS settings of {@code settings}. */
    public ImageInfo pull(ImageReference reference, RegistrySettings settings, Consumer<PullProgress> progress) {
        return call("pull " + reference, () -> {
            var client = RegistryLogins.client(reference.registry(), settings);
            return new Puller(store, registry -> client).pull(reference, progress);
        });
    }

    /**
     * Pushes the image that {@code reference} names here to the registry it names (docker push),
     * with the credentials of the Docker config in {@code dockerConfigDir}; the manifest's digest.
     */
    public Digest push(ImageReference reference, Path dockerConfigDir, Consumer<PushProgress> progress) {
        return push(reference, RegistrySettings.ofDockerConfig(dockerConfigDir), progress);
    }

    /** Pushes with the credentials and TLS settings of {@code settings}. */
    public Digest push(ImageReference reference, RegistrySettings settings, Consumer<PushProgress> progress) {
        return call("push " + reference.familiar(), () -> new Pusher(store).push(reference,
                RegistryLogins.client(reference.registry(), settings), progress));
    }

    /** Gives the image that {@code source} (reference or id) names the name {@code target}. */
    public void tag(String source, ImageReference target) {
        call("tag " + source + " as " + target, () -> {
            store.tag(source, target);
            return null;
        });
    }

    public void tag(ImageReference source, ImageReference target) {
        tag(source.canonical(), target);
    }

    /**
     * Docker's rmi: a name is untagged, and the image deleted with its last name; an id deletes
     * the image (with {@code force} even when several names point to it). An image a container
     * (running or not) was created from is not deleted: refused, or with {@code force} only untagged.
     */
    public ImageRemoval remove(String referenceOrId, boolean force) {
        return call("remove image " + referenceOrId, () -> store.remove(referenceOrId, force, this::containersUsing));
    }

    /**
     * docker image prune: removes the dangling images, or with {@code all} every image, that no
     * container (running or not) was created from.
     */
    public ImagePrune prune(boolean all) {
        return call("prune images", () -> new io.berth.runtime.image.ImagePruner(store).prune(all, this::containersUsing));
    }

    /** Names of the containers made from an image, from their state files (no supervisor needed). */
    private List<String> containersUsing(Digest imageId) {
        return new ContainerStore(new ContainerLayout(config)).loadAll(unreadable -> { }).stream()
                .filter(record -> record.image() != null && imageId.equals(record.image().id()))
                .map(ContainerRecord::name).sorted().toList();
    }

    public ImageRemoval remove(ImageReference reference, boolean force) {
        return remove(reference.canonical(), force);
    }

    private interface IoCall<T> {
        T run() throws IOException;
    }

    private static <T> T call(String attempt, IoCall<T> body) {
        try {
            return body.run();
        } catch (ImageNotFoundException e) {
            throw new RuntimeOperationException(Kind.NOT_FOUND, attempt + ": " + e.getMessage(), e);
        } catch (ImageConflictException e) {
            throw new RuntimeOperationException(Kind.CONFLICT, attempt + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw failed(attempt, e);
        } catch (UncheckedIOException e) {
            throw failed(attempt, e.getCause());
        } catch (IllegalArgumentException e) {
            throw new RuntimeOperationException(Kind.INVALID, attempt + ": " + e.getMessage(), e);
        }
    }

    private static RuntimeOperationException failed(String attempt, IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            why = missing.getFile() + ": No such file or directory";
        } else if (e instanceof java.nio.file.AccessDeniedException denied) {
            why = denied.getFile() + ": Permission denied";
        }
        return new RuntimeOperationException(Kind.FAILED, attempt + ": " + why, e);
    }
}
