package io.berth.runtime;

import io.berth.runtime.client.LocalOperations;
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

    public static ContainerRuntime connect(RuntimeConfig config) {
        return connect(config, List.of());
    }

    /**
     * As {@link #connect(RuntimeConfig)}, with extra JVM arguments for a supervisor this call
     * starts (tests pass -D options that replace the launcher or the image store).
     */
    public static SupervisorClient connect(RuntimeConfig config, List<String> supervisorJvmArgs) {
        SupervisorStarter.ensureRunning(config, supervisorJvmArgs);
        return new SupervisorClient(config, supervisorJvmArgs, localOperations(config));
    }

    /** Stops the supervisor of a state root if one runs (containers keep running). */
    public static boolean shutdownSupervisor(RuntimeConfig config) {
        return new SupervisorClient(config, List.of(), new LocalOperations() { }).shutdownSupervisor();
    }

    private static LocalOperations localOperations(RuntimeConfig config) {
        return new io.berth.runtime.client.DefaultLocalOperations(config);
    }
}
