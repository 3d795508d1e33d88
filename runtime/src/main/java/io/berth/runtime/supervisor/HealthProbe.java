package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ExecSpec;
import io.berth.runtime.container.ContainerExec;
import io.berth.runtime.container.ExecRequest;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.launch.ExecRequests;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcessCalls;
import java.time.Duration;
import java.util.List;

/** Runs one healthcheck command; true when it exited 0 within its timeout. */
public interface HealthProbe {
    boolean probe(ContainerInfo container, List<String> argv, Duration timeout);

    /** In the container's namespaces, as exec does, output to /dev/null; killed at the timeout. */
    static HealthProbe exec(KernelContainerLauncher launcher) {
        return (container, argv, timeout) -> {
            int devNull = FdCalls.open("/dev/null", FdCalls.O_RDWR | FdCalls.O_CLOEXEC, 0);
            long pid;
            try {
                ExecRequest request = ExecRequests.of(container,
                        new ExecSpec(argv, List.of(), null, null, false, false, false, false), launcher,
                        new int[] {devNull, devNull, devNull});
                pid = ContainerExec.start(request);
            } finally {
                FdCalls.closeQuietly(devNull);
            }
            int pidfd = ProcessCalls.pidfdOpen(pid);
            try {
                boolean exited = ProcessCalls.awaitReadable(pidfd, timeout);
                if (!exited) {
                    ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL);
                }
                return ProcessCalls.waitFor(pid).exitCode() == 0 && exited;
            } finally {
                FdCalls.closeQuietly(pidfd);
            }
        };
    }
}
