package io.berth.testfixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made for one test with openssl, and certificates it signs: a server
 * certificate for 127.0.0.1 and localhost, a client certificate, all valid for two days. Files
 * are PEM in {@code dir} (the test removes it): CA.crt/CA.key, NAME.crt (or .cert)/NAME.key.
 */
public final class TestCertificates {
    private final Path dir;
    private final String name;

    private TestCertificates(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/openssl"));
    }

    /** A new self-signed CA named {@code name} (its files are NAME.crt and NAME.key in {@code dir}). */
    public static TestCertificates authority(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
                "-days", "2", "-subj", "/CN=" + name, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return new TestCertificates(dir, name);
    }

    public Path certificate() {
        return dir.resolve(name + ".crt");
    }

    public Path key() {
        return dir.resolve(name + ".key");
    }

    /** A server certificate for 127.0.0.1 and localhost: {certificate, key}. */
    public Path[] server(String leafName) throws IOException {
        return leaf(leafName, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    }

    /** A client certificate (TLS client auth): {certificate, key}. */
    public Path[] client(String leafName) throws IOException {
        return leaf(leafName, "extendedKeyUsage=clientAuth\n");
    }

    private Path[] leaf(String leafName, String extensions) throws IOException {
        Path extensionFile = dir.resolve(leafName + ".ext");
        Files.writeString(extensionFile, "basicConstraints=CA:FALSE\n" + extensions);
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", leafName + ".key", "-out", leafName + ".csr",
                "-subj", "/CN=" + leafName);
        openssl(dir, "x509", "-req", "-in", leafName + ".csr", "-CA", name + ".crt", "-CAkey", name + ".key",
                "-CAcreateserial", "-out", leafName + ".crt", "-days", "2", "-extfile", extensionFile.getFileName().toString());
        return new Path[] {dir.resolve(leafName + ".crt"), dir.resolve(leafName + ".key")};
    }

    static void openssl(Path dir, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
