package io.berth.runtime;

import io.berth.runtime.image.registry.Credentials;
import io.berth.runtime.image.registry.DockerConfig;
import io.berth.runtime.image.registry.RegistryClient;
import io.berth.runtime.image.registry.RegistryTls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a pull, push or login needs to know about registries from the caller's environment:
 * the Docker config holding credentials ($DOCKER_CONFIG, else ~/.docker), the certs.d root
 * (BERTH_CERTS_D, else Docker's /etc/docker/certs.d) and the insecure registries
 * (BERTH_INSECURE_REGISTRIES, host[:port] names and CIDR ranges separated by commas or spaces), and the environment a
 * credential helper runs in (the caller's: its PATH finds the helper, its session reaches the
 * keyring; null means this process's).
 * Made once per command from the environment of the command's caller (the CLI server's client,
 * not the server) and handed down to every pull it makes: {@code pull}, the pulls of
 * {@code up}/{@code create}/{@code run}, and a build's base images.
 */
public record RegistrySettings(Path dockerConfigDir, Path certsDir, Set<String> insecureRegistries,
                               Map<String, String> helperEnvironment) {
    public RegistrySettings {
        insecureRegistries = Set.copyOf(insecureRegistries);
        helperEnvironment = helperEnvironment == null ? null : Map.copyOf(helperEnvironment);
    }

    /** Settings whose credential helpers run in this process's environment. */
    public RegistrySettings(Path dockerConfigDir, Path certsDir, Set<String> insecureRegistries) {
        this(dockerConfigDir, certsDir, insecureRegistries, null);
    }

    /** Without the environment: it may hold secrets, and these settings may be logged. */
    @Override
    public String toString() {
        return "RegistrySettings[dockerConfigDir=" + dockerConfigDir + ", certsDir=" + certsDir
                + ", insecureRegistries=" + insecureRegistries + "]";
    }

    /** The Docker config these settings name, its credential helpers run in the caller's environment. */
    public DockerConfig dockerConfig() {
        return new DockerConfig(dockerConfigDir, helperEnvironment);
    }

    public static RegistrySettings fromEnvironment(Map<String, String> env) {
        String certs = env.get("BERTH_CERTS_D");
        String insecure = env.getOrDefault("BERTH_INSECURE_REGISTRIES", "");
        return new RegistrySettings(DockerConfig.directory(env),
                certs == null || certs.isEmpty() ? RegistryTls.DEFAULT_CERTS_DIR : Path.of(certs),
                Arrays.stream(insecure.split("[,\\s]+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet()),
                env);
    }

    /** Only a Docker config; Docker's certs.d, nothing insecure. */
    public static RegistrySettings ofDockerConfig(Path dockerConfigDir) {
        return new RegistrySettings(dockerConfigDir, RegistryTls.DEFAULT_CERTS_DIR, Set.of());
    }

    /** A client for a registry with the credentials the Docker config holds for it (anonymous if none). */
    public RegistryClient client(String registry) throws IOException {
        Credentials credentials = dockerConfig().lookup(registry).orElse(null);
        return new RegistryClient(registry, credentials, tls());
    }

    /** The TLS settings; a malformed insecure range is an IOException that names it. */
    RegistryTls tls() throws IOException {
        try {
            return new RegistryTls(certsDir, insecureRegistries);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
