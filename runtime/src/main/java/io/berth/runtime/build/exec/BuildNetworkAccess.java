package io.berth.runtime.build.exec;

import io.berth.runtime.ContainerId;
import io.berth.runtime.NetworkAttachment;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.network.ContainerNetwork;
import io.berth.runtime.network.NetworkManager;
import java.util.List;
import java.util.Map;

/**
 * The network of RUN steps with {@code --network=default}: one bridge of Berth's own,
 * {@value #NAME}, with NAT to the outside as Docker's default bridge gives {@code docker build};
 * made on first use and kept (as Docker keeps docker0). Each RUN gets a veth on it for its run.
 */
final class BuildNetworkAccess {
    static final String NAME = "berth-build";
    private final NetworkManager networks;

    BuildNetworkAccess(RuntimeConfig config) {
        this.networks = NetworkManager.forConfig(config, System.getenv());
    }

    /** Reserves an address for the step; {@link #connect} once its process runs in a new netns. */
    ContainerNetwork prepare(ContainerId id) {
        if (networks.inspect(NAME).isEmpty()) {
            try {
                networks.create(new NetworkSpec(NAME, "bridge", Map.of("io.berth.builder", "true"), null, null, null,
                        false, Map.of()));
            } catch (RuntimeOperationException e) {
                if (e.kind() != RuntimeOperationException.Kind.CONFLICT) {
                    throw e; // CONFLICT: another build made it meanwhile
                }
            }
        }
        return networks.prepare(id, "build-" + id.shortId(), new NetworkMode.Bridge(),
                List.of(new NetworkAttachment(NAME, List.of(), null, null, null)));
    }

    void connect(ContainerNetwork network, long pid) {
        networks.connect(network, pid);
    }

    /** Removes the step's veth and namespace and forgets its address. */
    void release(ContainerId id) {
        try {
            networks.detach(id);
        } finally {
            networks.release(id);
        }
    }

    /** Removes the build network unless a RUN uses it right now (prune: leave nothing of builds behind). */
    static void removeIfUnused(RuntimeConfig config) {
        NetworkManager networks = NetworkManager.forConfig(config, System.getenv());
        if (networks.inspect(NAME).isPresent()) {
            try {
                networks.remove(NAME, false);
            } catch (RuntimeOperationException e) {
                if (e.kind() != RuntimeOperationException.Kind.CONFLICT) {
                    throw e; // CONFLICT: a build runs a step on it; it stays
                }
            }
        }
    }
}
