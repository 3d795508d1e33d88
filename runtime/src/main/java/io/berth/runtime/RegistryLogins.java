package io.berth.runtime;

import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.image.registry.Credentials;
import io.berth.runtime.image.registry.DockerConfig;
import io.berth.runtime.image.registry.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * docker login and logout: registry credentials in Docker's own config.json, which Berth and
 * the docker CLI then share. A login is checked against the registry before it is written.
 */
public final class RegistryLogins {
    private RegistryLogins() {
    }

    /** Where the Docker config is for this environment: $DOCKER_CONFIG, else $HOME/.docker. */
    public static Path configDir(Map<String, String> env) {
        return DockerConfig.directory(env);
    }

    /**
     * The registry a login argument names, as docker login reads it: none (null or empty) is
     * Docker Hub; a URL is cut to its host[:port].
     */
    public static String registryOf(String server) {
        if (server == null || server.isBlank()) {
            return ImageReference.DOCKER_HUB;
        }
        String text = server.strip();
        text = text.startsWith("https://") ? text.substring(8) : text.startsWith("http://") ? text.substring(7) : text;
        int slash = text.indexOf('/');
        String host = (slash < 0 ? text : text.substring(0, slash)).toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("\"" + server + "\" names no registry");
        }
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? ImageReference.DOCKER_HUB : host;
    }

    /** Checks the credentials against the registry's /v2/, then records them; the key they are under. */
    public static String login(String server, String username, String password, Path dockerConfigDir) {
        return login(server, username, password, RegistrySettings.ofDockerConfig(dockerConfigDir));
    }

    /** As {@link #login(String, String, String, Path)}, with the TLS settings of {@code settings}. */
    public static String login(String server, String username, String password, RegistrySettings settings) {
        String registry = registryOf(server);
        Credentials credentials;
        try {
            credentials = new Credentials(username, password);
        } catch (IllegalArgumentException e) {
            throw new RuntimeOperationException(Kind.INVALID, "login to " + registry + ": " + e.getMessage(), e);
        }
        return call("login to " + registry, () -> {
            new RegistryClient(registry, credentials, settings.tls()).checkLogin();
            DockerConfig config = settings.dockerConfig();
            config.store(registry, credentials);
            return DockerConfig.serverKey(registry);
        });
    }

    /** Forgets the credentials of a registry; false when there were none. */
    public static boolean logout(String server, Path dockerConfigDir) {
        return logout(server, RegistrySettings.ofDockerConfig(dockerConfigDir));
    }

    /** As {@link #logout(String, Path)}, a credential helper run in the settings' environment. */
    public static boolean logout(String server, RegistrySettings settings) {
        String registry = registryOf(server);
        return call("logout from " + registry, () -> settings.dockerConfig().erase(registry));
    }

    /** A client for a registry with the credentials the Docker config holds for it (anonymous if none). */
    static RegistryClient client(String registry, RegistrySettings settings) throws IOException {
        return settings.client(registry);
    }

    private interface IoCall<T> {
        T run() throws IOException;
    }

    private static <T> T call(String attempt, IoCall<T> body) {
        try {
            return body.run();
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new RuntimeOperationException(Kind.FAILED, attempt + ": " + why, e);
        } catch (UncheckedIOException e) {
            throw new RuntimeOperationException(Kind.FAILED, attempt + ": " + e.getCause().getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new RuntimeOperationException(Kind.INVALID, attempt + ": " + e.getMessage(), e);
        }
    }
}
