package io.berth.runtime.image.registry;

import io.berth.runtime.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * The push half of the registry API, on one repository: whether a blob is there (HEAD), a
 * monolithic upload (POST for an upload URL, then one PUT of the whole blob with its digest),
 * and the manifest. Every request asks for a pull,push token.
 */
public final class RegistryUploads {
    private final RegistryClient client;
    private final String repository;
    private final String scope;

    public RegistryUploads(RegistryClient client, String repository) {
        this.client = client;
        this.repository = repository;
        this.scope = RegistryAuth.pushScope(repository);
    }

    public boolean hasBlob(Digest digest) throws IOException {
        HttpResponse<Void> response = client.exchange(HttpRequest.newBuilder(uri("/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding(), scope);
        return switch (response.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            default -> throw new IOException("check blob " + digest + " of " + where() + ": "
                    + RegistryClient.describe(response.statusCode(), ""));
        };
    }

    /** Uploads {@code file}, whose content has {@code digest}; the registry checks it. */
    public void uploadBlob(Digest digest, Path file) throws IOException {
        uploadBlob(digest, file, null);
    }

    /**
     * Uploads {@code file}, or first asks the registry to mount the blob from another repository
     * of it ({@code mountFrom}, null: none) that has it; true when it was mounted, not sent.
     */
    public boolean uploadBlob(Digest digest, Path file, String mountFrom) throws IOException {
        String start = mountFrom == null ? "/blobs/uploads/" : "/blobs/uploads/?mount=" + digest + "&from=" + mountFrom;
        // A mount needs pull rights on the source too: the token's scope names both repositories.
        String startScope = mountFrom == null ? scope : scope + " " + RegistryAuth.pullScope(mountFrom);
        HttpResponse<InputStream> started = client.exchange(HttpRequest.newBuilder(uri(start))
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofInputStream(), startScope);
        if (mountFrom != null && started.statusCode() == 201) {
            RegistryClient.discard(started);
            return true;
        }
        if (started.statusCode() != 202) {
            throw new IOException("start the upload of " + digest + " to " + where() + ": "
                    + RegistryClient.describe(started.statusCode(), RegistryClient.bodyText(started)));
        }
        RegistryClient.discard(started);
        String location = started.headers().firstValue("Location")
                .orElseThrow(() -> new IOException(where() + ": upload started without a Location to send the blob to"));
        URI target = started.request().uri().resolve(location);
        String separator = target.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(target + separator + "digest=" + digest);
        if (!put.getAuthority().equals(client.base().getAuthority())) {
            throw new IOException(where() + ": upload location on another host (" + put.getAuthority()
                    + "), which Berth does not follow with credentials");
        }
        HttpResponse<InputStream> finished = client.exchange(HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)), HttpResponse.BodyHandlers.ofInputStream(), scope);
        if (finished.statusCode() != 201) {
            throw new IOException("upload " + digest + " to " + where() + ": "
                    + RegistryClient.describe(finished.statusCode(), RegistryClient.bodyText(finished)));
        }
        RegistryClient.discard(finished);
        return false;
    }

    /** Puts the manifest under {@code tag}; the digest the registry says it has. */
    public String putManifest(String tag, String mediaType, byte[] manifest) throws IOException {
        HttpResponse<InputStream> response = client.exchange(HttpRequest.newBuilder(uri("/manifests/" + tag))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)), HttpResponse.BodyHandlers.ofInputStream(), scope);
        if (response.statusCode() != 201) {
            throw new IOException("put the manifest " + repository + ":" + tag + " on " + client.registry() + ": "
                    + RegistryClient.describe(response.statusCode(), RegistryClient.bodyText(response)));
        }
        RegistryClient.discard(response);
        return response.headers().firstValue("Docker-Content-Digest").orElse("");
    }

    private URI uri(String tail) {
        return client.base().resolve("/v2/" + repository + tail);
    }

    private String where() {
        return repository + " on " + client.registry();
    }
}
