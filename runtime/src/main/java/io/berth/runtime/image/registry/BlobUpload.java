package io.berth.runtime.image.registry;

import io.berth.runtime.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * One blob's upload session, resumed after a dropped connection as the distribution spec
 * allows: the registry is asked how far it got ({@code GET <upload URL>}: 204 with
 * {@code Range: 0-N}) and the upload goes on with a PATCH from byte N+1. When the registry no
 * longer knows the session (404, or docker-registry 2.8's 400 BLOB_UPLOAD_INVALID for a session
 * whose chunk was cut half-way) a new one is started; when it already has the blob (the final
 * PUT went through but its answer was lost) nothing more is sent. At most
 * {@link RegistryUploads#ATTEMPTS} dropped connections per blob; the registry checks the
 * digest at the final PUT whatever the path.
 */
final class BlobUpload {
    private final RegistryUploads uploads;
    private final Digest digest;
    private final Path file;
    private final long size;
    private final LongConsumer sent;
    /** Where the session's next request goes; null: no session (yet, or any more). */
    private URI target;
    /** How many bytes of the blob the registry holds in the session. */
    private long offset;

    BlobUpload(RegistryUploads uploads, Digest digest, Path file, LongConsumer sent) throws IOException {
        this.uploads = uploads;
        this.digest = digest;
        this.file = file;
        this.size = Files.size(file);
        this.sent = sent;
    }

    /** Sends the blob (or has it mounted from {@code mountFrom}, null: none); true when mounted. */
    boolean run(String mountFrom) throws IOException {
        for (int dropped = 0; ; ) {
            try {
                if (dropped > 0 && target != null) {
                    locate();
                }
                if (target == null) {
                    if (dropped > 0 && uploads.hasBlob(digest)) {
                        sent.accept(size); // the last PUT went through; only its answer was lost
                        return false;
                    }
                    offset = 0;
                    sent.accept(0);
                    target = uploads.start(digest, mountFrom);
                    if (target == null) {
                        return true;
                    }
                }
                send();
                return false;
            } catch (RegistryConnectionException e) {
                dropped++;
                if (dropped >= RegistryUploads.ATTEMPTS) {
                    throw new IOException("upload " + digest + " to " + uploads.where() + ": the connection dropped "
                            + dropped + " times (the registry had " + offset + " of " + size + " bytes): "
                            + e.getMessage(), e);
                }
                pause(dropped);
            }
        }
    }

    /** Monolithic (one PUT with the blob) from byte 0 for a small blob; PATCH chunks otherwise, then the PUT. */
    private void send() throws IOException {
        HttpRequest.BodyPublisher last = HttpRequest.BodyPublishers.noBody();
        if (offset == 0 && size <= uploads.chunkedAbove()) {
            last = FileSlice.publisher(file, 0, size, sent);
        } else {
            while (offset < size) {
                long length = Math.min(uploads.chunkSize(), size - offset);
                target = patch(offset, length);
                offset += length;
            }
        }
        String separator = target.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(target + separator + "digest=" + digest);
        HttpResponse<InputStream> finished = uploads.client().exchange(HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream").PUT(last),
                HttpResponse.BodyHandlers.ofInputStream(), uploads.scope());
        if (finished.statusCode() != 201) {
            throw new IOException("upload " + digest + " to " + uploads.where() + ": "
                    + RegistryResponses.describe(finished.statusCode(), RegistryResponses.bodyText(finished)));
        }
        RegistryResponses.discard(finished);
        offset = size;
    }

    /** One chunk (PATCH with Content-Range, inclusive, as the registry API wants it); where the next goes. */
    private URI patch(long start, long length) throws IOException {
        long end = start + length - 1;
        HttpResponse<InputStream> response = uploads.client().exchange(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", start + "-" + end)
                .method("PATCH", FileSlice.publisher(file, start, length, sent)),
                HttpResponse.BodyHandlers.ofInputStream(), uploads.scope());
        if (response.statusCode() != 202) {
            throw new IOException("upload " + digest + " to " + uploads.where() + " (chunk at " + start + "): "
                    + RegistryResponses.describe(response.statusCode(), RegistryResponses.bodyText(response)));
        }
        RegistryResponses.discard(response);
        String range = response.headers().firstValue("Range").orElse("");
        if (!range.isEmpty() && !range.equals("0-" + end)) {
            throw new IOException("upload " + digest + " to " + uploads.where() + ": the registry has " + range
                    + " after the chunk at " + start + ", not 0-" + end);
        }
        return uploads.location(response, "chunk accepted");
    }

    /**
     * After a drop: how far the session got ({@code GET <upload URL>}). Sets the offset and the
     * URL to go on with, or clears the target when the registry no longer knows the session or
     * its answer cannot be trusted to say where to go on.
     */
    private void locate() throws IOException {
        HttpResponse<InputStream> status = uploads.client().exchange(HttpRequest.newBuilder(target).GET(),
                HttpResponse.BodyHandlers.ofInputStream(), uploads.scope());
        int code = status.statusCode();
        if (code == 404 || code == 400 || code == 416) { // unknown, or refused as it stands: a new session
            RegistryResponses.discard(status);
            target = null;
            return;
        }
        if (code != 204 && code != 200) {
            throw new IOException("ask " + uploads.where() + " how far the upload of " + digest + " got: "
                    + RegistryResponses.describe(code, RegistryResponses.bodyText(status)));
        }
        RegistryResponses.discard(status);
        long held = UploadRange.bytesHeld(status.headers().firstValue("Range").orElse(""), size);
        if (held <= 0) {
            target = null; // "0-0" says 0 or 1 byte; starting over costs nothing then
            return;
        }
        target = status.headers().firstValue("Location").isPresent() ? uploads.location(status, "status") : target;
        offset = held;
        sent.accept(offset);
    }

    private static void pause(int dropped) throws IOException {
        try {
            Thread.sleep(200L * dropped); // a moment for a registry that is restarting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
