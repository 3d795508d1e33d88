package io.berth.testfixtures;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OCI registry for tests: {@code /usr/bin/docker-registry} (Debian docker-registry) on
 * 127.0.0.1 and a free port, storage in a temp dir; {@link #close} stops it and removes
 * everything. Images are pushed with skopeo. Nothing here listens beyond the loopback address.
 */
public final class LocalRegistry implements AutoCloseable {
    public static final Path REGISTRY_BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final int port;
    private final Process process;
    private final boolean tls;

    private LocalRegistry(Path dir, int port, Process process, boolean tls) {
        this.tls = tls;
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Whether this machine has what the registry fixture needs (tests skip otherwise). */
    public static boolean available() {
        return Files.isExecutable(REGISTRY_BINARY) && onPath("skopeo");
    }

    public static LocalRegistry start() throws IOException {
        return start(Setup.open());
    }

    /**
     * How a registry is set up beyond the open default: htpasswd lines (basic auth), a TLS
     * certificate and key (then it speaks only HTTPS), CAs whose client certificates it demands,
     * a token server it trusts ({@code auth: token:}).
     */
    public record Setup(String htpasswdLines, Path tlsCertificate, Path tlsKey, Path clientCa, TokenAuth token) {
        public static Setup open() {
            return new Setup(null, null, null, null, null);
        }

        public Setup withHtpasswd(String lines) {
            return new Setup(lines, tlsCertificate, tlsKey, clientCa, token);
        }

        public Setup withTls(Path certificate, Path key) {
            return new Setup(htpasswdLines, certificate, key, clientCa, token);
        }

        public Setup withClientCa(Path ca) {
            return new Setup(htpasswdLines, tlsCertificate, tlsKey, ca, token);
        }

        public Setup withToken(TokenAuth tokenAuth) {
            return new Setup(htpasswdLines, tlsCertificate, tlsKey, clientCa, tokenAuth);
        }
    }

    /** The registry's {@code auth: token:} section: whose signed tokens it accepts. */
    public record TokenAuth(String realm, String service, String issuer, Path rootCertBundle) {
    }

    /**
     * A registry that wants HTTP basic auth (its {@code auth: htpasswd:} section) for the users
     * of {@code htpasswdLines} ("user:$2y$..." bcrypt lines, as htpasswd -B writes them).
     */
    public static LocalRegistry startWithHtpasswd(String htpasswdLines) throws IOException {
        return start(Setup.open().withHtpasswd(htpasswdLines));
    }

    public static LocalRegistry start(Setup setup) throws IOException {
        String htpasswdLines = setup.htpasswdLines();
        Path dir = Files.createTempDirectory("berth-test-registry-");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, String.join("\n",
                "version: 0.1",
                "log:",
                "  level: error",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("storage"),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: 127.0.0.1:" + port,
                ""));
        StringBuilder more = new StringBuilder();
        if (setup.tlsCertificate() != null) {
            more.append("  tls:\n    certificate: ").append(setup.tlsCertificate())
                    .append("\n    key: ").append(setup.tlsKey()).append("\n");
            if (setup.clientCa() != null) {
                more.append("    clientcas:\n      - ").append(setup.clientCa()).append("\n");
            }
        }
        if (setup.token() != null) {
            more.append("auth:\n  token:\n    realm: ").append(setup.token().realm())
                    .append("\n    service: ").append(setup.token().service())
                    .append("\n    issuer: ").append(setup.token().issuer())
                    .append("\n    rootcertbundle: ").append(setup.token().rootCertBundle()).append("\n");
        }
        Files.writeString(config, more, java.nio.file.StandardOpenOption.APPEND);
        if (htpasswdLines != null) {
            Files.writeString(dir.resolve("htpasswd"), htpasswdLines.endsWith("\n") ? htpasswdLines : htpasswdLines + "\n");
            Files.writeString(config, String.join("\n",
                    "auth:",
                    "  htpasswd:",
                    "    realm: berth-test",
                    "    path: " + dir.resolve("htpasswd"),
                    ""), java.nio.file.StandardOpenOption.APPEND);
        }
        Process process = new ProcessBuilder(REGISTRY_BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(dir, port, process, setup.tlsCertificate() != null);
        // A test JVM that ends without close() (a crash, a timeout) must not leave a registry running.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "berth-test-registry-stop"));
        try {
            registry.awaitReady();
        } catch (IOException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** "127.0.0.1:PORT", the registry part of an image reference. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** Pushes an OCI archive as {@code repositoryAndTag} (e.g. "busybox:test"); returns the full reference. */
    public String push(Path ociArchive, String repositoryAndTag) throws IOException, InterruptedException {
        String target = hostPort() + "/" + repositoryAndTag;
        Process skopeo = new ProcessBuilder("skopeo", "--insecure-policy", "copy", "--quiet", "--all",
                "--dest-tls-verify=false", "oci-archive:" + ociArchive, "docker://" + target)
                .redirectErrorStream(true).start();
        String output = new String(skopeo.getInputStream().readAllBytes());
        if (!skopeo.waitFor(2, TimeUnit.MINUTES) || skopeo.exitValue() != 0) {
            skopeo.destroyForcibly();
            throw new IOException("skopeo copy to " + target + " failed: " + output);
        }
        return target;
    }

    /** Pushes the {@link BusyboxImage} fixture as busybox:test; returns "127.0.0.1:PORT/busybox:test". */
    public String pushBusybox() throws IOException, InterruptedException {
        return push(BusyboxImage.ociArchive(), "busybox:test");
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("registry.log")));
            }
            if (tls) { // listening is enough: the HTTPS check would need the test's CA here
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    sleep();
                    continue;
                }
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + hostPort() + "/v2/")
                        .toURL().openConnection();
                connection.setConnectTimeout(500);
                int status = connection.getResponseCode();
                if (status == 200 || status == 401) { // 401: up, and asking for a login
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep();
        }
        throw new IOException("docker-registry did not answer on " + hostPort() + " within " + START_TIMEOUT);
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The registry's log (errors only), for a failing test's message. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("registry.log"));
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
