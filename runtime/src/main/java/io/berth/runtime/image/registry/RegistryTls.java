package io.berth.runtime.image.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How Berth may talk to registries, as Docker's daemon decides it: {@code certsDir} holds a
 * directory per registry ({@code HOST:PORT/ca.crt}, {@code client.cert}, {@code client.key};
 * Docker's is /etc/docker/certs.d) and {@code insecureRegistries} the host[:port] names and CIDR
 * ranges ({@link InsecureRegistries}) of registries whose certificate is not checked and which
 * may be plain HTTP. A malformed range is an IllegalArgumentException here.
 */
public record RegistryTls(Path certsDir, Set<String> insecureRegistries) {
    public static final Path DEFAULT_CERTS_DIR = Path.of("/etc/docker/certs.d");

    public RegistryTls {
        TreeSet<String> names = new TreeSet<>();
        for (String name : insecureRegistries) {
            names.add(name.strip().toLowerCase(Locale.ROOT));
        }
        insecureRegistries = Set.copyOf(names);
        InsecureRegistries.parse(insecureRegistries, InsecureRegistries.SYSTEM); // refuses a malformed range now
    }

    /** Docker's certs.d, nothing insecure. */
    public static RegistryTls defaults() {
        return new RegistryTls(DEFAULT_CERTS_DIR, Set.of());
    }

    /** Listed as insecure: by host:port, by host alone (then every port of it), or in a CIDR range. */
    boolean isInsecure(String hostPort) {
        return InsecureRegistries.parse(insecureRegistries, InsecureRegistries.SYSTEM).covers(hostPort);
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
}
