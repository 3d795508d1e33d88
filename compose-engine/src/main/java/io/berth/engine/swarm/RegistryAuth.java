package io.berth.engine.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.model.Project;
import io.berth.model.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * {@code --with-registry-auth}: the credentials of the registry of the stack's first image that has
 * some in the docker CLI's {@code config.json} ({@code auths}, base64 {@code user:password}), as the
 * {@code X-Registry-Auth} header the Engine hands to its agents.
 */
public final class RegistryAuth {
    private RegistryAuth() {
    }

    public static String header(Project project, Map<String, String> environment) throws SwarmException {
        Path config = Path.of(environment.getOrDefault("DOCKER_CONFIG",
                environment.getOrDefault("HOME", "/root") + "/.docker"), "config.json");
        JsonNode auths;
        try {
            auths = new ObjectMapper().readTree(Files.readString(config)).path("auths");
        } catch (IOException e) {
            throw new SwarmException("--with-registry-auth: cannot read " + config + " (" + e.getClass().getSimpleName() + ")");
        }
        for (Service service : project.services().values()) {
            String registry = registry(service.image() == null ? "" : service.image());
            JsonNode entry = auths.path(registry);
            if (entry.isMissingNode() && registry.equals("docker.io")) {
                entry = auths.path("https://index.docker.io/v1/");
            }
            if (entry.has("auth")) {
                String[] userPassword = new String(Base64.getDecoder().decode(entry.get("auth").asText()),
                        StandardCharsets.UTF_8).split(":", 2);
                String json = new ObjectMapper().createObjectNode().put("username", userPassword[0])
                        .put("password", userPassword.length > 1 ? userPassword[1] : "").put("serveraddress", registry)
                        .toString();
                return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            }
        }
        throw new SwarmException("--with-registry-auth: " + config + " has no credentials for the stack's registries");
    }

    /** The registry of an image reference: its first part when it looks like a host, else docker.io. */
    static String registry(String image) {
        int slash = image.indexOf('/');
        if (slash > 0) {
            String first = image.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return first;
            }
        }
        return "docker.io";
    }
}
