package io.berth.cli.e2e;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.supervisor.NetworkAccess;

/** With the plain-process launcher, containers use the host network: nothing to attach. */
public final class HostNetworkOnly implements NetworkAccess {
    @Override
    public Attached attach(ContainerId id, String name, ContainerSpec spec, ContainerId sharedWith) {
        return LOOPBACK_ONLY.attach(id, name, spec, sharedWith);
    }

    @Override
    public void detach(ContainerId id, String name, ContainerSpec spec) {
    }
}
