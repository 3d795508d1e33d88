package io.berth.runtime.image.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How Berth may talk to registries, as Docker's daemon decides it: {@code certsDir} holds a
 * directory per registry ({@code HOST:PORT/ca.crt}, {@code client.cert}, {@code client.key};
 * Docker's is /etc/docker/certs.d) and {@code insecureRegistries} the host[:port] names whose
 * certificate is not checked and which may be plain HTTP.
 */
public record RegistryTls(Path certsDir, Set<String> insecureRegistries) {
    public static final Path DEFAULT_CERTS_DIR = Path.of("/etc/docker/certs.d");

    public RegistryTls {
        TreeSet<String> names = new TreeSet<>();
        for (String name : insecureRegistries) {
            names.add(name.strip().toLowerCase(Locale.ROOT));
        }
        insecureRegistries = Set.copyOf(names);
    }

    /** Docker's certs.d, nothing insecure. */
    public static RegistryTls defaults() {
        return new RegistryTls(DEFAULT_CERTS_DIR, Set.of());
    }

    /** Listed as insecure, by host:port or by host alone (then every port of it). */
    boolean isInsecure(String hostPort) {
        String name = hostPort.toLowerCase(Locale.ROOT);
        return insecureRegistries.contains(name) || insecureRegistries.contains(hostOf(name));
    }

    /** The registry's own directory of certificates (it may not exist). */
    Path dirFor(String hostPort) {
        return certsDir.resolve(hostPort);
    }

    /**
     * The scheme and checks for a registry. Loopback registries are plain HTTP (as Docker allows
     * them) unless certs.d has a directory for them: then the user set TLS up and it is checked.
     */
    RegistryEndpoint endpoint(String hostPort) {
        if (isInsecure(hostPort)) {
            return new RegistryEndpoint("https", this, hostPort, true);
        }
        boolean loopback = RegistryClient.isLoopback(hostPort);
        return new RegistryEndpoint(loopback && !Files.isDirectory(dirFor(hostPort)) ? "http" : "https",
                this, hostPort, false);
    }

    private static String hostOf(String hostPort) {
        if (hostPort.startsWith("[")) {
            return hostPort.substring(0, hostPort.indexOf(']') + 1);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }
}
