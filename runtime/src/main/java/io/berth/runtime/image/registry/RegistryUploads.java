package io.berth.runtime.image.registry;

import io.berth.runtime.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * The push half of the registry API, on one repository: whether a blob is there (HEAD), a
 * monolithic upload for small blobs (POST for an upload URL, then one PUT of the whole blob with
 * its digest) or a chunked one for large blobs (POST, PATCH chunks with Content-Range, then a PUT
 * with the digest and no body), and the manifest. Every request asks for a pull,push token.
 * One blob's session, and how it goes on after a dropped connection: {@link BlobUpload}.
 */
public final class RegistryUploads {
    /** Blobs up to this size go in one PUT; larger ones in chunks, so that a proxy's body limit does not stop them. */
    public static final long CHUNKED_ABOVE = 64L << 20;
    public static final long CHUNK_SIZE = 32L << 20;
    static final int ATTEMPTS = 3;
    private final RegistryClient client;
    private final String repository;
    private final String scope;
    private final long chunkedAbove;
    private final long chunkSize;

    public RegistryUploads(RegistryClient client, String repository) {
        this(client, repository, CHUNKED_ABOVE, CHUNK_SIZE);
    }

    /** Blobs larger than {@code chunkedAbove} bytes go in PATCH chunks of {@code chunkSize}. */
    public RegistryUploads(RegistryClient client, String repository, long chunkedAbove, long chunkSize) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        this.client = client;
        this.repository = repository;
        this.scope = RegistryAuth.pushScope(repository);
        this.chunkedAbove = chunkedAbove;
        this.chunkSize = chunkSize;
    }

    public boolean hasBlob(Digest digest) throws IOException {
        HttpResponse<Void> response = client.exchange(HttpRequest.newBuilder(uri("/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding(), scope);
        return switch (response.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            default -> throw new IOException("check blob " + digest + " of " + where() + ": "
                    + RegistryResponses.describe(response.statusCode(), ""));
        };
    }

    /** Uploads {@code file}, whose content has {@code digest}; the registry checks it. */
    public void uploadBlob(Digest digest, Path file) throws IOException {
        uploadBlob(digest, file, null, sent -> { });
    }

    /**
     * Uploads {@code file}, or first asks the registry to mount the blob from another repository
     * of it ({@code mountFrom}, null: none) that has it; true when it was mounted, not sent.
     * {@code sent} hears the bytes the registry has so far. A dropped connection is resumed where
     * the registry says the upload got to, or started over when it lost the session
     * ({@link BlobUpload}), at most {@link #ATTEMPTS} drops in all.
     */
    public boolean uploadBlob(Digest digest, Path file, String mountFrom, LongConsumer sent) throws IOException {
        return new BlobUpload(this, digest, file, sent).run(mountFrom);
    }

    /** Starts an upload session (POST), or mounts the blob from {@code mountFrom}: its URL, or null when mounted. */
    URI start(Digest digest, String mountFrom) throws IOException {
        String start = mountFrom == null ? "/blobs/uploads/" : "/blobs/uploads/?mount=" + digest + "&from=" + mountFrom;
        // A mount needs pull rights on the source too: the token's scope names both repositories.
        String startScope = mountFrom == null ? scope : scope + " " + RegistryAuth.pullScope(mountFrom);
        HttpResponse<InputStream> started = client.exchange(HttpRequest.newBuilder(uri(start))
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofInputStream(), startScope);
        if (mountFrom != null && started.statusCode() == 201) {
            RegistryResponses.discard(started);
            return null;
        }
        if (started.statusCode() != 202) {
            throw new IOException("start the upload of " + digest + " to " + where() + ": "
                    + RegistryResponses.describe(started.statusCode(), RegistryResponses.bodyText(started)));
        }
        RegistryResponses.discard(started);
        return location(started, "upload started");
    }

    /** The upload's next URL, which must stay on the registry's host (credentials go there). */
    URI location(HttpResponse<?> response, String after) throws IOException {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IOException(where() + ": " + after + " without a Location to send the blob to"));
        URI target = response.request().uri().resolve(location);
        if (!target.getAuthority().equals(client.base().getAuthority())) {
            throw new IOException(where() + ": upload location on another host (" + target.getAuthority()
                    + "), which Berth does not follow with credentials");
        }
        return target;
    }

    /** Puts the manifest under {@code tag}; the digest the registry says it has. */
    public String putManifest(String tag, String mediaType, byte[] manifest) throws IOException {
        HttpResponse<InputStream> response = client.exchange(HttpRequest.newBuilder(uri("/manifests/" + tag))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)), HttpResponse.BodyHandlers.ofInputStream(), scope);
        if (response.statusCode() != 201) {
            throw new IOException("put the manifest " + repository + ":" + tag + " on " + client.registry() + ": "
                    + RegistryResponses.describe(response.statusCode(), RegistryResponses.bodyText(response)));
        }
        RegistryResponses.discard(response);
        return response.headers().firstValue("Docker-Content-Digest").orElse("");
    }

    private URI uri(String tail) {
        return client.base().resolve("/v2/" + repository + tail);
    }

    String where() {
        return repository + " on " + client.registry();
    }

    RegistryClient client() {
        return client;
    }

    String scope() {
        return scope;
    }

    long chunkedAbove() {
        return chunkedAbove;
    }

    long chunkSize() {
        return chunkSize;
    }
}
