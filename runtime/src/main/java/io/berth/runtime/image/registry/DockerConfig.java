package io.berth.runtime.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's client configuration, {@code $DOCKER_CONFIG/config.json} (default {@code ~/.docker}),
 * for its registry credentials: {@code auths} (base64 user:password per server),
 * {@code credHelpers} (a helper program per server) and {@code credsStore} (one helper for all).
 * Keys Berth does not know are kept as they are when it writes the file back.
 */
public final class DockerConfig {
    /** The key Docker files Docker Hub's credentials under. */
    static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    private static final ObjectMapper MAPPER = Json.MAPPER; // the runtime\'s one mapper (trees only here)
    private final Path file;
    /** The environment credential helpers run in (the caller's), or null: this process's. */
    private final Map<String, String> helperEnvironment;

    public DockerConfig(Path dir) {
        this(dir, null);
    }

    /** A config whose credential helpers run in {@code helperEnvironment} (found on its PATH). */
    public DockerConfig(Path dir, Map<String, String> helperEnvironment) {
        this.file = dir.resolve("config.json");
        this.helperEnvironment = helperEnvironment;
    }

    /** {@code DOCKER_CONFIG}, else {@code $HOME/.docker}, as the docker CLI finds it. */
    public static Path directory(Map<String, String> env) {
        String configured = env.get("DOCKER_CONFIG");
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".docker");
    }

    public Path file() {
        return file;
    }

    /** The name Docker stores a registry's credentials under: Docker Hub's URL, else host[:port]. */
    public static String serverKey(String registry) {
        return isDockerHub(registry) ? DOCKER_HUB_KEY : hostOf(registry);
    }

    /** The credentials for a registry (host[:port] or docker.io), from a helper or from auths. */
    public Optional<Credentials> lookup(String registry) throws IOException {
        ObjectNode root = read();
        String key = serverKey(registry);
        Optional<String> helper = helperFor(root, registry);
        if (helper.isPresent()) {
            return new CredentialHelper(helper.get(), helperEnvironment).get(key);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("auths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String auth = entry.getValue().path("auth").asText("");
            if (sameServer(entry.getKey(), registry) && !auth.isEmpty()) {
                return Optional.of(Credentials.fromBase64(auth, file + ": auths." + entry.getKey()));
            }
        }
        return Optional.empty();
    }

    /** Records credentials as docker login does: in the helper if one is configured, else in auths. */
    public void store(String registry, Credentials credentials) throws IOException {
        ObjectNode root = read();
        String key = serverKey(registry);
        Optional<String> helper = helperFor(root, registry);
        ObjectNode auths = root.has("auths") && root.get("auths").isObject() ? (ObjectNode) root.get("auths")
                : root.putObject("auths");
        removeServer(auths, registry);
        if (helper.isPresent()) {
            new CredentialHelper(helper.get(), helperEnvironment).store(key, credentials);
            auths.putObject(key);
        } else {
            auths.putObject(key).put("auth", credentials.base64());
        }
        write(root);
    }

    /** Forgets a registry's credentials; false when there were none. */
    public boolean erase(String registry) throws IOException {
        ObjectNode root = read();
        Optional<String> helper = helperFor(root, registry);
        boolean had = root.path("auths").isObject() && removeServer((ObjectNode) root.get("auths"), registry);
        if (helper.isPresent()) {
            had |= new CredentialHelper(helper.get(), helperEnvironment).erase(serverKey(registry));
        }
        if (had) {
            write(root);
        }
        return had;
    }

    private static boolean removeServer(ObjectNode auths, String registry) {
        boolean removed = false;
        for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
            if (sameServer(it.next(), registry)) {
                it.remove();
                removed = true;
            }
        }
        return removed;
    }

    private static Optional<String> helperFor(JsonNode root, String registry) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("credHelpers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (sameServer(entry.getKey(), registry) && !entry.getValue().asText("").isEmpty()) {
                return Optional.of(entry.getValue().asText());
            }
        }
        String store = root.path("credsStore").asText("");
        return store.isEmpty() ? Optional.empty() : Optional.of(store);
    }

    /** Whether a config key (a URL or host[:port]) names the registry, as Docker matches them. */
    static boolean sameServer(String key, String registry) {
        String keyHost = hostOf(key);
        if (isDockerHub(registry)) {
            return isDockerHub(keyHost);
        }
        return keyHost.equals(hostOf(registry));
    }

    private static boolean isDockerHub(String hostOrUrl) {
        String host = hostOf(hostOrUrl);
        return host.equals("docker.io") || host.equals("index.docker.io") || host.equals("registry-1.docker.io");
    }

    private static String hostOf(String keyOrUrl) {
        String text = keyOrUrl.strip().toLowerCase(Locale.ROOT);
        text = text.startsWith("https://") ? text.substring(8) : text.startsWith("http://") ? text.substring(7) : text;
        int slash = text.indexOf('/');
        return slash < 0 ? text : text.substring(0, slash);
    }

    private ObjectNode read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return MAPPER.createObjectNode();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + "); fix or remove it", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return MAPPER.createObjectNode();
        }
        if (!root.isObject()) {
            throw new IOException(file + ": not a JSON object; fix or remove it");
        }
        return (ObjectNode) root;
    }

    /** temp file (mode 0600) beside it, fsync, rename: a reader sees the old file or the new one. */
    private void write(ObjectNode root) throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path temp = Files.createTempFile(dir, "config.json", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
