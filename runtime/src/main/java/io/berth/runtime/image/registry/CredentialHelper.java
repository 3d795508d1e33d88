package io.berth.runtime.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code docker-credential-NAME} program (credsStore / credHelpers), spoken to as the docker
 * CLI does: the action as its argument, the server URL (or a JSON record) on its stdin.
 */
final class CredentialHelper {
    private static final ObjectMapper MAPPER = Json.MAPPER; // the runtime\'s one mapper (trees only here)
    private final String program;
    /** The caller's environment to run it in (its PATH finds it), or null: this process's. */
    private final Map<String, String> environment;

    CredentialHelper(String name, Map<String, String> environment) {
        this.program = "docker-credential-" + name;
        this.environment = environment;
    }

    /** A helper at a path of its own (tests); Docker finds helpers on PATH only. */
    static CredentialHelper atPath(java.nio.file.Path program) {
        return new CredentialHelper(program);
    }

    private CredentialHelper(java.nio.file.Path program) {
        this.program = program.toString();
        this.environment = null;
    }

    /**
     * The command line's program: on the caller's PATH when running in the caller's environment
     * (ProcessBuilder looks on this process's PATH, which in the CLI server is not the caller's).
     */
    private String executable() {
        if (environment == null || program.contains("/")) {
            return program;
        }
        for (String dir : environment.getOrDefault("PATH", "").split(":")) {
            java.nio.file.Path candidate = java.nio.file.Path.of(dir.isEmpty() ? "." : dir, program);
            if (java.nio.file.Files.isExecutable(candidate) && !java.nio.file.Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return program;
    }

    Optional<Credentials> get(String serverKey) throws IOException {
        Result result = run("get", serverKey);
        if (result.exit != 0) {
            if (result.output.toLowerCase().contains("credentials not found")) {
                return Optional.empty();
            }
            throw new IOException(program + " get " + serverKey + " failed: " + result.output.strip());
        }
        JsonNode json = MAPPER.readTree(result.output);
        String username = json.path("Username").asText("");
        String secret = json.path("Secret").asText("");
        if (username.equals("<token>")) {
            throw new IOException(program + " holds an identity token for " + serverKey
                    + "; Berth logs in with a user name and password only (run berth login)");
        }
        return username.isEmpty() || secret.isEmpty() ? Optional.empty() : Optional.of(new Credentials(username, secret));
    }

    void store(String serverKey, Credentials credentials) throws IOException {
        String record = MAPPER.writeValueAsString(Map.of("ServerURL", serverKey,
                "Username", credentials.username(), "Secret", credentials.password()));
        Result result = run("store", record);
        if (result.exit != 0) {
            throw new IOException(program + " store " + serverKey + " failed: " + result.output.strip());
        }
    }

    boolean erase(String serverKey) throws IOException {
        Result result = run("erase", serverKey);
        if (result.exit != 0 && !result.output.toLowerCase().contains("not found")) {
            throw new IOException(program + " erase " + serverKey + " failed: " + result.output.strip());
        }
        return result.exit == 0;
    }

    private record Result(int exit, String output) {
    }

    private Result run(String action, String input) throws IOException {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(executable(), action).redirectErrorStream(true);
            if (environment != null) {
                builder.environment().clear();
                builder.environment().putAll(environment);
            }
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("credential helper " + program + " (named in config.json) cannot be run: "
                    + e.getMessage() + " (install it, or remove credsStore/credHelpers from config.json)", e);
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " " + action + " did not answer within 30 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + program, e);
        }
        return new Result(process.exitValue(), output);
    }
}
