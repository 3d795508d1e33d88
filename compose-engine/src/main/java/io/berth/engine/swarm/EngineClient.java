package io.berth.engine.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The Docker Engine API over HTTP/1.1, one connection per request ({@code Connection: close}), JSON in
 * and out. Plain JDK: a Unix socket channel or a TCP socket (TLS from {@link TlsFiles}). API version
 * 1.41 (Engine 20.10), which later Engines still serve.
 */
public final class EngineClient {
    private static final String VERSION = "/v1.41";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final DockerHost host;
    private final String registryAuth;

    public EngineClient(DockerHost host, String registryAuth) {
        this.host = host;
        this.registryAuth = registryAuth;
    }

    /** The response's body; an error status becomes a {@link SwarmException} with the Engine's message. */
    public JsonNode call(String method, String path, Object body) throws SwarmException {
        byte[] payload;
        try {
            payload = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new SwarmException("cannot write the request for " + method + " " + path, e);
        }
        HttpResponse response = exchange(method, VERSION + path, payload);
        JsonNode json = response.json();
        if (response.status() >= 400) {
            String message = json != null && json.has("message") ? json.get("message").asText() : response.text();
            throw new SwarmException(method + " " + path + ": " + message.strip() + " (HTTP " + response.status() + ")");
        }
        return json;
    }

    public JsonNode get(String path) throws SwarmException {
        return call("GET", path, null);
    }

    /** {@code ?filters=} for a label, as the Engine's list endpoints take it. */
    public static String labelFilter(String label) {
        return "filters=" + URLEncoder.encode("{\"label\":[\"" + label + "\"]}", StandardCharsets.UTF_8);
    }

    private HttpResponse exchange(String method, String path, byte[] payload) throws SwarmException {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: docker\r\n"
                + "User-Agent: berth\r\nConnection: close\r\n");
        if (payload.length > 0 || method.equals("POST")) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        }
        if (registryAuth != null) {
            head.append("X-Registry-Auth: ").append(registryAuth).append("\r\n");
        }
        head.append("\r\n");
        try (Connection connection = connect()) {
            connection.out().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            connection.out().write(payload);
            connection.out().flush();
            return HttpResponse.read(connection.in());
        } catch (IOException e) {
            throw new SwarmException("cannot reach the Docker Engine at " + host + " (" + method + " " + path + "): "
                    + e.getMessage(), e);
        }
    }

    private record Connection(AutoCloseable resource, InputStream in, OutputStream out) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                resource.close();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    private Connection connect() throws IOException {
        if (host.socket() != null) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(host.socket()));
            return new Connection(channel, Channels.newInputStream(channel), Channels.newOutputStream(channel));
        }
        Socket socket = host.tlsDirectory() != null ? TlsFiles.context(host.tlsDirectory()).getSocketFactory()
                .createSocket() : new Socket();
        socket.connect(new InetSocketAddress(host.host(), host.port()), (int) TIMEOUT.toMillis());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return new Connection(socket, socket.getInputStream(), socket.getOutputStream());
    }

    /** A whole response: status, headers read for the body's framing, body (chunked or not). */
    record HttpResponse(int status, byte[] body) {
        static HttpResponse read(InputStream in) throws IOException {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP response: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            boolean chunked = false;
            long length = -1;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(header.indexOf(':') + 1).trim());
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                    body.write(in.readNBytes((int) size));
                    line(in);
                }
            } else if (length >= 0) {
                body.write(in.readNBytes((int) length));
            } else {
                in.transferTo(body);
            }
            return new HttpResponse(status, body.toByteArray());
        }

        private static long chunkSize(String line) {
            String size = line.split(";", 2)[0].trim();
            return size.isEmpty() ? 0 : Long.parseLong(size, 16);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            if (body.length == 0) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    static Map<String, Object> jsonMap(JsonNode node) {
        return JSON.convertValue(node, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    }
}
