package io.berth.runtime;

import io.berth.runtime.container.ContainerExec;
import io.berth.runtime.container.ContainerTop;
import io.berth.runtime.container.ExecRequest;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.launch.ExecRequests;
import java.util.List;

/**
 * exec, top and usage counters of a running container, in the caller's process: exec needs the caller's stdio
 * (docs/supervisor.md), and both only read the supervisor's state.
 */
public final class ContainerProcesses {
    private final KernelContainerLauncher launcher = new KernelContainerLauncher();

    /** Runs {@code spec} in the container's namespaces and cgroups; its exit code (0 when detached). */
    public int exec(ContainerInfo container, ExecSpec spec) {
        ExecRequest request = ExecRequests.of(container, spec, launcher, null);
        if (spec.detach()) {
            ContainerExec.start(request);
            return 0;
        }
        return spec.tty() ? ContainerExec.runWithTerminal(request) : ContainerExec.run(request);
    }

    /** One sample of the container's counters (cgroup and network namespace). */
    public ContainerUsage usage(ContainerInfo container) {
        return new io.berth.runtime.container.ContainerUsageReader(launcher.cgroups())
                .read(container.id(), launcher.cgroupOf(container.id()), container.pid());
    }

    /** The container's processes, as {@code ps -ef} lists them. */
    public List<ProcessEntry> top(ContainerInfo container) {
        return ContainerTop.list(launcher.cgroups(), launcher.cgroupOf(container.id()));
    }
}
