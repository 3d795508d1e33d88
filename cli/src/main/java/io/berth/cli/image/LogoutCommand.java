package io.berth.cli.image;

import io.berth.cli.Invocation;
import io.berth.runtime.RegistryLogins;
import io.berth.runtime.RuntimeOperationException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth logout [SERVER]}: forgets the registry's credentials in Docker's config.json. */
@Command(name = "logout", description = "Log out from a registry (Docker Hub when no server is given).")
public final class LogoutCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SERVER")
    String server;

    @Override
    public Integer call() {
        try {
            String registry = RegistryLogins.registryOf(server);
            if (RegistryLogins.logout(server, io.berth.runtime.RegistrySettings.fromEnvironment(Invocation.env()))) {
                spec.commandLine().getOut().println("Removing login credentials for " + registry);
            } else {
                spec.commandLine().getOut().println("Not logged in to " + registry);
            }
            return 0;
        } catch (RuntimeOperationException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("Error: " + e.getMessage());
            return 1;
        }
    }
}
