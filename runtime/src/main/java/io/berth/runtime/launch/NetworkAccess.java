package io.berth.runtime.launch;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.PortBinding;
import io.berth.runtime.container.LaunchRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What starting and removing a container needs of networking (namespaces, addresses, ports). */
public interface NetworkAccess {

    /** The network namespace a container gets, made before its process starts. */
    record Attached(Path netns, Map<String, String> addresses, List<PortBinding> ports,
                    List<LaunchRequest.Mount> extraMounts) {
    }

    /**
     * Makes (or finds) the container's network namespace and joins its networks.
     *
     * @param sharedWith for {@code network_mode: container:x}, the running container x; else null
     */
    Attached attach(ContainerId id, String name, ContainerSpec spec, ContainerId sharedWith);

    /**
     * {@link #attach} in two halves: {@code attached} has the addresses and the name files, and
     * a null {@code netns} when the container's first process is to start in a new network
     * namespace, which {@code connect} (given that process's PID, before it may exec) then names
     * and joins to the networks, returning the published ports. The init stage sets up the
     * container's root meanwhile (docs/benchmarks.md, "start path").
     */
    record Deferred(Attached attached, Connector connect) {
    }

    /** The second half of {@link #attachDeferred}. */
    @FunctionalInterface
    interface Connector {
        List<PortBinding> connect(long pid);
    }

    /** By default all of it at once, before the process starts. */
    default Deferred attachDeferred(ContainerId id, String name, ContainerSpec spec, ContainerId sharedWith) {
        Attached attached = attach(id, name, spec, sharedWith);
        return new Deferred(attached, pid -> attached.ports());
    }

    /** Undoes {@link #attach} after the container stopped: namespace, veths, ports. Idempotent. */
    void detach(ContainerId id, String name, ContainerSpec spec);

    /** Forgets what the container keeps between runs (reserved addresses), at removal. */
    default void release(ContainerId id) {
    }

    /**
     * Rewrites the /etc/hosts of every visible container (running, or starting) so that each
     * lists its peers; called on every start, exit and removal.
     */
    default void refreshNames(java.util.Collection<io.berth.runtime.state.ContainerRecord> visible) {
    }

    /** Crash recovery: undoes what a dead supervisor left attached for containers not running. */
    default void sweep(java.util.Set<ContainerId> existing, java.util.Set<ContainerId> running) {
    }

    /** No networking of its own: a new namespace with loopback only, or the host's. */
    NetworkAccess LOOPBACK_ONLY = new NetworkAccess() {
        @Override
        public Attached attach(ContainerId id, String name, ContainerSpec spec, ContainerId sharedWith) {
            Path netns = spec.networkMode() instanceof io.berth.runtime.NetworkMode.Host
                    ? LaunchRequest.HOST_NETNS : null;
            return new Attached(netns, Map.of(), List.of(), List.of());
        }

        @Override
        public void detach(ContainerId id, String name, ContainerSpec spec) {
        }
    };
}
