package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerState;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.state.ContainerRecord;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * The namespaces (and hostname) a starting container takes from another container: network_mode,
 * ipc and pid {@code container:x}, x named by name or id. Read from the records as they are now.
 */
final class SharedNamespaces {
    private SharedNamespaces() {
    }

    /** For network_mode container:x, the running container x whose namespace this one joins. */
    static ContainerId networkOf(ContainerRecord record, Collection<ContainerRecord> records) {
        if (!(record.spec().networkMode() instanceof NetworkMode.Container mode)) {
            return null;
        }
        return running(records, "network mode", mode.containerName()).id();
    }

    /**
     * As Docker: a container in another's network namespace (network_mode service:x or
     * container:x) without a hostname of its own takes that container's; null otherwise.
     */
    static String hostnameOf(ContainerRecord record, Collection<ContainerRecord> records) {
        if (!(record.spec().networkMode() instanceof NetworkMode.Container mode)
                || (record.spec().hostname() != null && !record.spec().hostname().isBlank())) {
            return null;
        }
        return named(records, mode.containerName()).map(r -> r.launch().hostname()).orElse(null);
    }

    /**
     * {@code ipc:} host: the supervisor's (the host's) namespace; container:x (service:x, resolved by
     * the engine): the running container x's; private, shareable or unset: null (a new one).
     */
    static Path namespaceOf(ContainerRecord record, String kind, Collection<ContainerRecord> records) {
        String mode = kind.equals("ipc") ? record.spec().ipcMode() : record.spec().pidMode();
        if ("host".equals(mode)) {
            return kind.equals("ipc") ? LaunchRequest.HOST_IPC : LaunchRequest.HOST_PID;
        }
        if (mode == null || !mode.startsWith("container:")) {
            return null;
        }
        ContainerRecord target = running(records, kind, mode.substring("container:".length()));
        return Path.of("/proc/" + target.pid() + "/ns/" + kind);
    }

    /** The container named (or with that id) {@code other}; it must exist and run. */
    private static ContainerRecord running(Collection<ContainerRecord> records, String what, String other) {
        ContainerRecord target = named(records, other).orElseThrow(() -> new RuntimeOperationException(
                Kind.NOT_FOUND, what + " container:" + other + ": no such container"));
        if (target.state() != ContainerState.RUNNING) {
            throw new RuntimeOperationException(Kind.CONFLICT, what + " container:" + other
                    + ": that container is not running");
        }
        return target;
    }

    private static Optional<ContainerRecord> named(Collection<ContainerRecord> records, String other) {
        return records.stream().filter(r -> r.name().equals(other) || r.id().value().equals(other)).findFirst();
    }
}
