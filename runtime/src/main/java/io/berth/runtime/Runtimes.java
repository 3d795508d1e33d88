package io.berth.runtime;

import io.berth.runtime.client.SupervisorClient;
import io.berth.runtime.client.SupervisorStarter;
import java.util.List;

/**
 * The one way in: {@code Runtimes.connect(config)} returns the runtime of a state root, talking
 * to its supervisor (started on demand, detached, outliving the caller).
 */
public final class Runtimes {
    private Runtimes() {
    }

    /** The runtime of a state root whose pulls use the registry settings of this process's environment. */
    public static ContainerRuntime connect(RuntimeConfig config) {
        return connect(config, List.of());
    }

    /**
     * As {@link #connect(RuntimeConfig)}, pulling with {@code registries}: what a command's caller
     * set (its DOCKER_CONFIG, BERTH_CERTS_D, BERTH_INSECURE_REGISTRIES), which in the CLI server
     * is not the process's environment.
     */
    public static HostRuntime connect(RuntimeConfig config, RegistrySettings registries) {
        SupervisorStarter.ensureRunning(config, List.of());
        return new HostRuntime(new SupervisorClient(config, List.of()), config, registries);
    }

    /**
     * As {@link #connect(RuntimeConfig)}, with extra JVM arguments for a supervisor this call
     * starts (tests pass -D options that replace the launcher or the image store).
     */
    public static HostRuntime connect(RuntimeConfig config, List<String> supervisorJvmArgs) {
        SupervisorStarter.ensureRunning(config, supervisorJvmArgs);
        return new HostRuntime(new SupervisorClient(config, supervisorJvmArgs), config,
                RegistrySettings.fromEnvironment(System.getenv()));
    }

    /** Stops the supervisor of a state root if one runs (containers keep running). */
    public static boolean shutdownSupervisor(RuntimeConfig config) {
        return new SupervisorClient(config, List.of()).shutdownSupervisor();
    }

    /**
     * Does, without connecting to anything, the one-time work of a fresh JVM's first requests
     * (the JSON mapper, Jackson's view of the runtime's records, the Unix socket classes), so a
     * CLI can run it on a spare thread while it parses its arguments and the Compose file.
     */
    public static void warmUp() {
        SupervisorClient.warmUp();
    }
}
