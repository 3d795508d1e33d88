package io.berth.engine.swarm;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Docker Engine listens, from {@code DOCKER_HOST} as the docker CLI reads it:
 * {@code unix:///path} (the default, {@code /var/run/docker.sock}) or {@code tcp://host:port}, with TLS
 * when {@code DOCKER_TLS_VERIFY} is set (certificates from {@code DOCKER_CERT_PATH}, default ~/.docker).
 */
public record DockerHost(Path socket, String host, int port, Path tlsDirectory) {
    public static DockerHost fromEnvironment(Map<String, String> environment) throws SwarmException {
        String value = environment.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        if (value.startsWith("unix://")) {
            return new DockerHost(Path.of(value.substring("unix://".length())), null, 0, null);
        }
        if (value.startsWith("tcp://")) {
            String address = value.substring("tcp://".length()).replaceAll("/+$", "");
            int colon = address.lastIndexOf(':');
            boolean tls = environment.get("DOCKER_TLS_VERIFY") != null && !environment.get("DOCKER_TLS_VERIFY").isEmpty();
            int port = colon < 0 ? (tls ? 2376 : 2375) : Integer.parseInt(address.substring(colon + 1));
            String host = colon < 0 ? address : address.substring(0, colon);
            Path certs = tls ? Path.of(environment.getOrDefault("DOCKER_CERT_PATH",
                    environment.getOrDefault("HOME", "/root") + "/.docker")) : null;
            return new DockerHost(null, host, port, certs);
        }
        throw new SwarmException("DOCKER_HOST=" + value + ": only unix:// and tcp:// addresses are supported");
    }

    @Override
    public String toString() {
        return socket != null ? "unix://" + socket : "tcp://" + host + ":" + port + (tlsDirectory != null ? " (TLS)" : "");
    }
}
