package io.berth.runtime.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** What the registry client does with a response it will not use whole: read its error, or close it. */
final class RegistryResponses {
    private RegistryResponses() {
    }

    static String bodyText(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            return in == null ? "" : new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
    }

    static void discard(HttpResponse<?> response) throws IOException {
        if (response.body() instanceof InputStream in) {
            in.close();
        }
    }

    /** A registry error for people: the status, and the registry's own error code and message. */
    static String describe(int status, String body) {
        String code = "";
        String message = "";
        try {
            JsonNode errors = Json.MAPPER.readTree(body).path("errors");
            if (errors.isArray() && errors.size() > 0) {
                code = errors.get(0).path("code").asText();
                message = errors.get(0).path("message").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: the status says enough
        }
        String detail = code.isEmpty() ? "" : ": " + code + " " + message;
        if (status == 400 && body.contains("HTTPS server")) {
            return "HTTP 400: the registry speaks HTTPS, not plain HTTP (loopback registries are plain HTTP"
                    + " unless certs.d has a directory for them: put its CA in BERTH_CERTS_D/HOST:PORT/ca.crt,"
                    + " or list it in BERTH_INSECURE_REGISTRIES)";
        }
        return switch (status) {
            case 401 -> "unauthorized: " + (message.isEmpty() ? "authentication required" : message)
                    + " (HTTP 401; wrong user name or password? berth login)";
            case 403 -> "access denied (HTTP 403)" + detail;
            case 404 -> "not found (HTTP 404)" + detail;
            default -> "HTTP " + status + detail;
        };
    }
}
