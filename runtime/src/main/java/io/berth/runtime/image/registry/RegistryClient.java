package io.berth.runtime.image.registry;

import io.berth.runtime.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The Docker Registry HTTP API v2: manifests and blobs for a pull (here), uploads for a push
 * ({@link RegistryUploads}), and authentication as Docker does it: a 401's WWW-Authenticate
 * challenge names either a bearer token server (asked anonymously, or with the credentials
 * as basic auth; one token per scope) or basic auth (the credentials on every request).
 * HTTPS with the checks {@link RegistryTls} sets (plain HTTP for loopback registries without a
 * certs.d directory, and for insecure ones that do not speak TLS). Redirects are followed by
 * hand so that credentials never leave for another host.
 */
public final class RegistryClient {
    static final String MANIFEST_ACCEPT = String.join(", ", List.of(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json"));
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final String registry;
    private final RegistryEndpoint endpoint;
    /** Becomes plain HTTP when an insecure registry turns out not to speak TLS. */
    private volatile URI base;
    private final RegistryAuth auth;

    /** An anonymous client. */
    public RegistryClient(String registry) {
        this(registry, null);
    }

    /** A client that logs in with {@code credentials} when the registry asks (null: anonymous). */
    public RegistryClient(String registry, Credentials credentials) {
        this(registry, credentials, RegistryTls.defaults());
    }

    /**
     * A client that checks TLS as {@code tls} says (certs.d, insecure registries). Throws when
     * the registry's certs.d directory cannot be used (a key without its certificate, ...).
     */
    public RegistryClient(String registry, Credentials credentials, RegistryTls tls) {
        this.registry = registry;
        String host = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
        this.endpoint = tls.endpoint(host);
        this.base = URI.create(endpoint.scheme() + "://" + host);
        this.auth = new RegistryAuth(credentials);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER);
        try {
            javax.net.ssl.SSLContext context = endpoint.sslContext();
            if (context != null) {
                builder.sslContext(context);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.http = builder.build();
    }

    public static boolean isLoopback(String hostAndPort) {
        String host = hostAndPort.startsWith("[") ? hostAndPort.substring(0, hostAndPort.indexOf(']') + 1)
                : hostAndPort.contains(":") ? hostAndPort.substring(0, hostAndPort.indexOf(':')) : hostAndPort;
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    String registry() {
        return registry;
    }

    URI base() {
        return base;
    }

    /** A manifest as served: its media type, its bytes, and the digest the registry claims (or null). */
    public record Fetched(String contentType, byte[] body, String claimedDigest) {
    }

    public Fetched manifest(String repository, String tagOrDigest) throws IOException {
        HttpResponse<byte[]> response = exchange(get(base.resolve("/v2/" + repository + "/manifests/" + tagOrDigest),
                MANIFEST_ACCEPT), HttpResponse.BodyHandlers.ofByteArray(), RegistryAuth.pullScope(repository));
        if (response.statusCode() != 200) {
            throw new IOException("manifest " + repository + ":" + tagOrDigest + " on " + registry + ": "
                    + RegistryResponses.describe(response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8)));
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return new Fetched(semicolon < 0 ? type.strip() : type.substring(0, semicolon).strip(), response.body(),
                response.headers().firstValue("Docker-Content-Digest").orElse(null));
    }

    /**
     * The blob's bytes as a stream (the caller checks the digest); a dropped connection is
     * resumed with a Range request a bounded number of times ({@link ResumingBlobStream}).
     */
    public InputStream blob(String repository, Digest digest) throws IOException {
        return new ResumingBlobStream(offset -> openBlob(repository, digest, offset),
                "blob " + digest + " of " + repository + " on " + registry);
    }

    private ResumingBlobStream.Opened openBlob(String repository, Digest digest, long offset) throws IOException {
        HttpRequest.Builder request = get(base.resolve("/v2/" + repository + "/blobs/" + digest), "*/*");
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream(),
                RegistryAuth.pullScope(repository));
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (response.statusCode() == 206 && offset > 0) {
            String range = response.headers().firstValue("Content-Range").orElse("");
            if (range.startsWith("bytes " + offset + "-")) {
                int slash = range.lastIndexOf('/');
                long total = slash < 0 || range.endsWith("*") ? -1 : Long.parseLong(range.substring(slash + 1).strip());
                return new ResumingBlobStream.Opened(response.body(), total);
            }
            RegistryResponses.discard(response);
            throw new IOException("blob " + digest + " on " + registry + ": resumed at " + offset + " but got " + range);
        }
        if (response.statusCode() != 200) {
            throw new IOException("blob " + digest + " of " + repository + " on " + registry + ": "
                    + RegistryResponses.describe(response.statusCode(), RegistryResponses.bodyText(response)));
        }
        InputStream body = response.body();
        if (offset > 0) { // no Range support: the whole blob again, past what was read before
            body.skipNBytes(offset);
        }
        return new ResumingBlobStream.Opened(body, length);
    }

    /**
     * {@code docker login}'s check: GET /v2/ with the credentials, through whichever challenge
     * the registry answers with. Throws "unauthorized: ..." when they are refused.
     */
    public void checkLogin() throws IOException {
        HttpResponse<InputStream> response = exchange(get(base.resolve("/v2/"), "application/json"),
                HttpResponse.BodyHandlers.ofInputStream(), RegistryAuth.NO_SCOPE);
        if (response.statusCode() != 200) {
            throw new IOException("GET " + base.resolve("/v2/") + ": "
                    + RegistryResponses.describe(response.statusCode(), RegistryResponses.bodyText(response)));
        }
        RegistryResponses.discard(response);
    }

    private static HttpRequest.Builder get(URI uri, String accept) {
        return HttpRequest.newBuilder(uri).header("Accept", accept).GET();
    }

    /**
     * Sends a request with the Authorization that {@code scope} has; after a 401, learns what the
     * challenge asks for (a token for the scope, or basic auth) and sends it once more. A request
     * that carries a body must be built with a publisher that can be sent twice (bytes, a file).
     */
    <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, String scope)
            throws IOException {
        boolean basicRefused = auth.header(scope).isPresent();
        HttpResponse<T> response = send(request, handler, scope);
        // A bearer token the registry refuses (expired, cached from before, or issued already
        // stale) is replaced once more; a refusal of the second one is the caller's "unauthorized".
        for (int attempt = 0; response.statusCode() == 401 && attempt < 2; attempt++) {
            AuthChallenge challenge = AuthChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(""))
                    .orElseThrow(() -> new IOException(registry + " asks for authentication but says not how"));
            if (challenge.isBearer()) {
                RegistryResponses.discard(response);
                auth.rememberToken(scope, BearerTokens.fetch(this, auth, challenge, scope));
            } else if (challenge.scheme().equals("basic") && auth.credentials().isPresent() && !basicRefused) {
                RegistryResponses.discard(response);
                auth.useBasic();
                basicRefused = true; // if this very request is refused again, the password is wrong
            } else if (challenge.scheme().equals("basic")) {
                return response; // no credentials, or refused ones: the caller says "unauthorized"
            } else {
                throw new IOException(registry + " asks for " + challenge.scheme()
                        + " authentication, which Berth does not speak (bearer and basic only)");
            }
            response = send(request, handler, scope);
        }
        return response;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, String scope)
            throws IOException {
        HttpRequest first = request.copy().timeout(Duration.ofMinutes(10)).build();
        URI current = first.uri();
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder attempt = request.copy().uri(current).timeout(Duration.ofMinutes(10));
            boolean sameHost = current.getHost().equals(base.getHost()) && current.getPort() == base.getPort();
            if (sameHost) {
                auth.header(scope).ifPresent(value -> attempt.setHeader("Authorization", value));
            }
            HttpResponse<T> response = sendOnce(attempt.build(), handler);
            int status = response.statusCode();
            boolean follows = first.method().equals("GET") || first.method().equals("HEAD");
            if (!follows || status < 300 || status >= 400 || status == 304) {
                return response;
            }
            String location = response.headers().firstValue("Location").orElse(null);
            RegistryResponses.discard(response);
            if (location == null || redirects >= MAX_REDIRECTS) {
                throw new IOException(registry + ": redirect " + status + " without usable Location from " + current);
            }
            URI next = current.resolve(location);
            boolean plainAllowed = isLoopback(next.getAuthority()) || "http".equals(base.getScheme())
                    && next.getAuthority().equals(base.getAuthority());
            if (!"https".equals(next.getScheme()) && !plainAllowed) {
                throw new IOException(registry + ": refused redirect to plain HTTP " + next);
            }
            current = next;
        }
    }

    <T> HttpResponse<T> sendOnce(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        String host = request.uri().getHost();
        if (host != null && (host.endsWith(".invalid") || host.equals("invalid"))) {
            // RFC 6761: such names never resolve, so no DNS query is sent for them.
            throw new IOException("cannot reach " + request.uri().getScheme() + "://" + request.uri().getAuthority()
                    + ": unknown host (no such name in DNS or /etc/hosts)");
        }
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + registry, e);
        } catch (IOException e) {
            URI uri = request.uri();
            boolean ours = uri.getAuthority().equals(base.getAuthority());
            if (ours && endpoint.insecure() && "https".equals(uri.getScheme()) && RegistryEndpoint.notTls(e)) {
                // An insecure registry without TLS: plain HTTP from now on, as Docker falls back.
                base = URI.create("http://" + base.getRawAuthority());
                URI plain = URI.create("http" + uri.toString().substring("https".length()));
                return sendOnce(HttpRequest.newBuilder(request, (name, value) -> true).uri(plain).build(), handler);
            }
            String tlsProblem = ours ? endpoint.explain(e) : null;
            if (tlsProblem == null && !reason(e).startsWith("unknown host")) {
                throw new RegistryConnectionException("cannot reach " + uri.getScheme() + "://" + uri.getAuthority()
                        + ": " + reason(e), e);
            }
            throw new IOException("cannot reach " + uri.getScheme() + "://" + uri.getAuthority()
                    + ": " + (tlsProblem != null ? tlsProblem : reason(e)), e);
        }
    }

    /** Why a connection failed, in words: the JDK names an unknown host by a message-less exception. */
    private static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.channels.UnresolvedAddressException
                    || cause instanceof java.net.UnknownHostException) {
                return "unknown host (no such name in DNS or /etc/hosts)";
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
