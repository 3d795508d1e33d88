package io.berth.engine.convert;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerSpec.LinkSpec;
import io.berth.runtime.MountSpec;
import io.berth.runtime.NetworkMode;
import java.util.List;
import java.util.Map;

/** Copies a ContainerSpec with the fields that differ between replicas replaced. */
public final class ReplicaSpec {
    private ReplicaSpec() {
    }

    public static ContainerSpec with(ContainerSpec spec, String name, Map<String, String> labels,
                                     List<MountSpec> mounts, NetworkMode networkMode, String ipcMode,
                                     String pidMode, List<LinkSpec> links) {
        return new ContainerSpec(name, labels, spec.image(), spec.entrypoint(), spec.command(),
                spec.environment(), spec.user(), spec.groupAdd(), spec.workingDir(), spec.hostname(),
                spec.domainname(), spec.tty(), spec.stdinOpen(), spec.stopSignal(), spec.stopGracePeriod(),
                mounts, networkMode, spec.networks(), spec.ports(), spec.extraHosts(), spec.dns(),
                spec.dnsSearch(), spec.dnsOptions(), spec.readOnlyRootfs(), spec.capAdd(), spec.capDrop(),
                spec.privileged(), spec.resources(), spec.restartPolicy(), spec.sysctls(), spec.ulimits(),
                spec.shmSizeBytes(), ipcMode, pidMode, links, spec.options());
    }

    /** Same spec, another name and labels (one-off containers). */
    public static ContainerSpec renamed(ContainerSpec spec, String name, Map<String, String> labels) {
        return with(spec, name, labels, spec.mounts(), spec.networkMode(), spec.ipcMode(), spec.pidMode(),
                spec.links());
    }
}
