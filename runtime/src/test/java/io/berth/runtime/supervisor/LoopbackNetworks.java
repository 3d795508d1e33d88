package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.launch.NetworkAccess;

/** No networking for supervisor tests that run plain processes. */
public final class LoopbackNetworks implements NetworkAccess {
    @Override
    public Attached attach(ContainerId id, String name, ContainerSpec spec, ContainerId sharedWith) {
        return LOOPBACK_ONLY.attach(id, name, spec, sharedWith);
    }

    @Override
    public void detach(ContainerId id, String name, ContainerSpec spec) {
    }
}
