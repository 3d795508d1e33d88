package io.berth.runtime.image;

import io.berth.runtime.Digest;
import java.nio.file.Path;

/**
 * The one class that knows where the image store keeps things, under {@code <stateRoot>/images}:
 * <pre>
 * images/
 *   oci-layout                 {"imageLayoutVersion":"1.0.0"}: the store is an OCI image layout
 *   index.json                 the references (tags): an OCI image index, see ReferenceIndex
 *   blobs/sha256/HEX           manifests, configs and compressed layers, named by their digest
 *   layers/sha256/HEX/         each layer unpacked once, read-only, named by its diff_id
 *   layers/sha256/HEX.size     its uncompressed size in bytes (what docker images shows)
 *   tmp/                       downloads and unpacks in progress (same filesystem: rename works)
 *   index.lock                 held around every read-modify-write of index.json
 *   pulls.json                 when each name was last pulled (pull_policy daily, weekly, every_)
 * </pre>
 */
public final class StoreLayout {
    private final Path root;

    public StoreLayout(Path stateRoot) {
        this.root = stateRoot.resolve("images");
    }

    public Path root() {
        return root;
    }

    public Path ociLayoutFile() {
        return root.resolve("oci-layout");
    }

    public Path indexFile() {
        return root.resolve("index.json");
    }

    public Path lockFile() {
        return root.resolve("index.lock");
    }

    public Path pullTimesFile() {
        return root.resolve("pulls.json");
    }

    public Path blobsDir() {
        return root.resolve("blobs").resolve("sha256");
    }

    public Path blob(Digest digest) {
        return blobsDir().resolve(digest.hex());
    }

    /** How to rebuild an imported layer's tar that is not kept as a blob (LayerRecipe). */
    public Path recipe(Digest digest) {
        return root.resolve("blobs").resolve("tar-recipes").resolve(digest.hex());
    }

    public Path layersDir() {
        return root.resolve("layers").resolve("sha256");
    }

    /** The unpacked root of the layer whose uncompressed tar has digest {@code diffId}. */
    public Path layer(Digest diffId) {
        return layersDir().resolve(diffId.hex());
    }

    public Path layerSize(Digest diffId) {
        return layersDir().resolve(diffId.hex() + ".size");
    }

    public Path tmpDir() {
        return root.resolve("tmp");
    }
}
