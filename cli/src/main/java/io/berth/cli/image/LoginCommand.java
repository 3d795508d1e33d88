package io.berth.cli.image;

import io.berth.cli.Invocation;
import io.berth.runtime.RegistryLogins;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth login [SERVER] -u USER --password-stdin}: checks the credentials against the
 * registry, then stores them in Docker's config.json ($DOCKER_CONFIG or ~/.docker), as docker login.
 */
@Command(name = "login", description = "Log in to a registry (Docker Hub when no server is given).")
public final class LoginCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SERVER")
    String server;

    @Option(names = {"-u", "--username"}, paramLabel = "USER")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Password (prefer --password-stdin).")
    String password;

    @Option(names = "--password-stdin", description = "Take the password from stdin.")
    boolean passwordStdin;

    @Override
    public Integer call() {
        try {
            String secret = password;
            if (passwordStdin) {
                if (password != null) {
                    return fail("--password and --password-stdin are mutually exclusive");
                }
                if (username == null) {
                    return fail("Must provide --username with --password-stdin");
                }
                // As docker login: only the line end goes; spaces may belong to the password.
                secret = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                secret = secret.endsWith("\n") ? secret.substring(0, secret.length() - 1) : secret;
                secret = secret.endsWith("\r") ? secret.substring(0, secret.length() - 1) : secret;
            } else if (password != null) {
                spec.commandLine().getErr().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            }
            if (username == null || secret == null || secret.isEmpty()) {
                return fail("berth login needs -u USER and a password (--password-stdin); it does not prompt");
            }
            RegistryLogins.login(server, username, secret, RegistrySettings.fromEnvironment(Invocation.env()));
            spec.commandLine().getOut().println("Login Succeeded");
            return 0;
        } catch (RuntimeOperationException | IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("read the password from standard input: " + e.getMessage());
        }
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("Error: " + message);
        return 1;
    }
}
