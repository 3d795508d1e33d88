package io.berth.runtime.build.exec;

import io.berth.runtime.Digest;
import io.berth.runtime.build.BuildException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * ADD of an http(s) URL: the file is downloaded (redirects followed) into the step's work
 * directory, named as the URL's last path segment, mode 0600 and the server's Last-Modified time,
 * as BuildKit does; {@code --checksum} is verified.
 */
final class UrlDownloads {
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    private UrlDownloads() {
    }

    /** Downloads {@code url} into {@code dir}; returns the file's name there. */
    static String download(String url, Path dir, String expectedChecksum) throws IOException {
        URI uri = URI.create(url);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            name = "index.html";
        }
        Path target = dir.resolve(name);
        HttpResponse<InputStream> response;
        try {
            response = CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + url + " interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            response.body().close();
            throw new BuildException("ADD " + url + ": the server answered " + response.statusCode(), null);
        }
        MessageDigest sha = Digest.newSha256();
        try (InputStream in = new DigestInputStream(response.body(), sha)) {
            Files.copy(in, target);
        }
        Digest actual = Digest.of(sha.digest());
        if (expectedChecksum != null && !expectedChecksum.isEmpty() && !expectedChecksum.equals(actual.toString())) {
            throw new BuildException("ADD " + url + ": checksum mismatch: expected " + expectedChecksum + ", got " + actual, null);
        }
        Files.setAttribute(target, "unix:mode", 0600);
        response.headers().firstValue("Last-Modified").ifPresent(value -> {
            try {
                ZonedDateTime time = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Files.setLastModifiedTime(target, FileTime.from(time.toInstant()));
            } catch (RuntimeException | IOException e) {
                // a malformed Last-Modified: the download time stays
            }
        });
        return name;
    }
}
