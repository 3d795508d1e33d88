package io.berth.runtime.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.runtime.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The Docker Registry HTTP API v2, the parts a pull needs: manifests and blobs, with the
 * bearer-token flow (anonymous: a 401's WWW-Authenticate challenge names the token server).
 * HTTPS always, except for registries on localhost / 127.0.0.1 / [::1], which may be plain
 * HTTP. Redirects are followed by hand so that the token never leaves for another host.
 */
public final class RegistryClient {
    static final String MANIFEST_ACCEPT = String.join(", ", List.of(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json"));
    private static final int MAX_REDIRECTS = 5;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String registry;
    private final URI base;
    private volatile String token;

    public RegistryClient(String registry) {
        this.registry = registry;
        String host = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
        this.base = URI.create((isLoopback(host) ? "http://" : "https://") + host);
    }

    public static boolean isLoopback(String hostAndPort) {
        String host = hostAndPort.startsWith("[") ? hostAndPort.substring(0, hostAndPort.indexOf(']') + 1)
                : hostAndPort.contains(":") ? hostAndPort.substring(0, hostAndPort.indexOf(':')) : hostAndPort;
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    /** A manifest as served: its media type, its bytes, and the digest the registry claims (or null). */
    public record Fetched(String contentType, byte[] body, String claimedDigest) {
    }

    public Fetched manifest(String repository, String tagOrDigest) throws IOException {
        HttpResponse<byte[]> response = get(base.resolve("/v2/" + repository + "/manifests/" + tagOrDigest),
                MANIFEST_ACCEPT, HttpResponse.BodyHandlers.ofByteArray(), repository);
        if (response.statusCode() != 200) {
            throw new IOException("manifest " + repository + ":" + tagOrDigest + " on " + registry + ": "
                    + describe(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8)));
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return new Fetched(semicolon < 0 ? type.strip() : type.substring(0, semicolon).strip(), response.body(),
                response.headers().firstValue("Docker-Content-Digest").orElse(null));
    }

    /** The blob's bytes as a stream (the caller checks the digest). */
    public InputStream blob(String repository, Digest digest) throws IOException {
        HttpResponse<InputStream> response = get(base.resolve("/v2/" + repository + "/blobs/" + digest), "*/*",
                HttpResponse.BodyHandlers.ofInputStream(), repository);
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            throw new IOException("blob " + digest + " of " + repository + " on " + registry + ": "
                    + describe(response.statusCode(), body));
        }
        return response.body();
    }

    private <T> HttpResponse<T> get(URI uri, String accept, HttpResponse.BodyHandler<T> handler, String repository)
            throws IOException {
        HttpResponse<T> response = send(uri, accept, handler, true);
        if (response.statusCode() == 401) {
            AuthChallenge challenge = AuthChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(""))
                    .orElseThrow(() -> new IOException(registry + " asks for authentication but says not how"));
            if (!challenge.isBearer()) {
                throw new IOException(registry + " asks for " + challenge.scheme()
                        + " authentication; Berth pulls anonymously (bearer tokens) only");
            }
            discard(response);
            token = fetchToken(challenge, repository);
            response = send(uri, accept, handler, true);
        }
        return response;
    }

    private <T> HttpResponse<T> send(URI uri, String accept, HttpResponse.BodyHandler<T> handler, boolean withToken)
            throws IOException {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(Duration.ofMinutes(10))
                    .header("Accept", accept).GET();
            boolean sameHost = current.getHost().equals(base.getHost()) && current.getPort() == base.getPort();
            if (withToken && token != null && sameHost) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<T> response = sendOnce(request.build(), handler);
            int status = response.statusCode();
            if (status < 300 || status >= 400 || status == 304) {
                return response;
            }
            String location = response.headers().firstValue("Location").orElse(null);
            discard(response);
            if (location == null || redirects >= MAX_REDIRECTS) {
                throw new IOException(registry + ": redirect " + status + " without usable Location from " + current);
            }
            URI next = current.resolve(location);
            if (!"https".equals(next.getScheme()) && !isLoopback(next.getAuthority())) {
                throw new IOException(registry + ": refused redirect to plain HTTP " + next);
            }
            current = next;
        }
    }

    private <T> HttpResponse<T> sendOnce(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + registry, e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + request.uri().getScheme() + "://" + request.uri().getAuthority()
                    + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    private String fetchToken(AuthChallenge challenge, String repository) throws IOException {
        String realm = challenge.parameters().get("realm");
        if (realm == null || realm.isEmpty()) {
            throw new IOException(registry + ": bearer challenge without a realm");
        }
        StringBuilder query = new StringBuilder();
        String service = challenge.parameters().get("service");
        if (service != null) {
            query.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
        }
        String scope = challenge.parameters().getOrDefault("scope", "repository:" + repository + ":pull");
        query.append(query.length() > 0 ? "&" : "").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        if (!"https".equals(uri.getScheme()) && !isLoopback(uri.getAuthority())) {
            throw new IOException(registry + ": refused token server over plain HTTP: " + realm);
        }
        HttpResponse<byte[]> response = send(uri, "application/json", HttpResponse.BodyHandlers.ofByteArray(), false);
        if (response.statusCode() != 200) {
            throw new IOException("token from " + realm + " for " + scope + ": "
                    + describe(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8)));
        }
        JsonNode json = MAPPER.readTree(response.body());
        String value = json.path("token").asText(json.path("access_token").asText(""));
        if (value.isEmpty()) {
            throw new IOException("token server " + realm + " answered without a token");
        }
        return value;
    }

    private static void discard(HttpResponse<?> response) throws IOException {
        if (response.body() instanceof InputStream in) {
            in.close();
        }
    }

    /** A registry error for people: the status, and the registry's own error code and message. */
    static String describe(int status, String body) {
        String detail = "";
        try {
            JsonNode errors = MAPPER.readTree(body).path("errors");
            if (errors.isArray() && errors.size() > 0) {
                detail = ": " + errors.get(0).path("code").asText() + " " + errors.get(0).path("message").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: the status says enough
        }
        return switch (status) {
            case 401, 403 -> "access denied (HTTP " + status + ")" + detail;
            case 404 -> "not found (HTTP 404)" + detail;
            default -> "HTTP " + status + detail;
        };
    }
}
