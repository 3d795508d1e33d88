package io.berth.runtime.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A bearer token from the realm a registry's challenge names: {@code service}, one {@code scope}
 * per repository, and with credentials {@code account} and basic auth on the token request.
 */
final class BearerTokens {
    private static final ObjectMapper MAPPER = io.berth.runtime.state.Json.MAPPER;

    private BearerTokens() {
    }

    /** A token and how long it lasts (expires_in, at least a minute as Docker reads it; 60 s when not said). */
    record Token(String value, Duration lifetime) {
    }

    static final Duration MINIMUM_LIFETIME = Duration.ofSeconds(60);

    static Token fetch(RegistryClient client, RegistryAuth auth, AuthChallenge challenge, String scope)
            throws IOException {
        String registry = client.registry();
        String realm = challenge.parameters().get("realm");
        if (realm == null || realm.isEmpty()) {
            throw new IOException(registry + ": bearer challenge without a realm");
        }
        StringBuilder query = new StringBuilder();
        String service = challenge.parameters().get("service");
        if (service != null) {
            query.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
        }
        for (String each : scope.isEmpty() ? new String[0] : scope.split(" ")) { // one scope= per repository
            query.append(query.length() > 0 ? "&" : "").append("scope=").append(URLEncoder.encode(each, StandardCharsets.UTF_8));
        }
        auth.credentials().ifPresent(credentials -> query.append(query.length() > 0 ? "&" : "")
                .append("account=").append(URLEncoder.encode(credentials.username(), StandardCharsets.UTF_8)));
        URI uri = URI.create(realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
        if (!"https".equals(uri.getScheme()) && !RegistryClient.isLoopback(uri.getAuthority())) {
            throw new IOException(registry + ": refused token server over plain HTTP: " + realm);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1))
                .header("Accept", "application/json").GET();
        auth.credentials().ifPresent(credentials -> request.header("Authorization", credentials.basicHeader()));
        HttpResponse<byte[]> response = client.sendOnce(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("token from " + realm + (scope.isEmpty() ? "" : " for " + scope) + ": "
                    + RegistryResponses.describe(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8)));
        }
        JsonNode json = MAPPER.readTree(response.body());
        String value = json.path("token").asText(json.path("access_token").asText(""));
        if (value.isEmpty()) {
            throw new IOException("token server " + realm + " answered without a token");
        }
        long seconds = json.path("expires_in").asLong(0);
        return new Token(value, seconds < MINIMUM_LIFETIME.toSeconds() ? MINIMUM_LIFETIME : Duration.ofSeconds(seconds));
    }
}
