package io.berth.runtime;

import io.berth.runtime.container.ContainerExec;
import io.berth.runtime.container.ContainerTop;
import io.berth.runtime.container.ExecRequest;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.launch.ExecRequests;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcessCalls;
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

    /**
     * Runs {@code spec} (never detached, no terminal) with stdin from /dev/null and stdout and
     * stderr into one pipe; returns its exit code and output. Output still held open by a process
     * the command left behind is read for at most {@link #DRAIN} after the command ends.
     */
    public ExecResult execCapturing(ContainerInfo container, ExecSpec spec) {
        ExecSpec attached = new ExecSpec(spec.command(), spec.environment(), spec.user(), spec.workingDir(),
                false, false, false, spec.privileged());
        int[] pipe = FdCalls.pipe();
        int devNull;
        try {
            devNull = FdCalls.open("/dev/null", FdCalls.O_RDONLY | FdCalls.O_CLOEXEC, 0);
        } catch (RuntimeException e) {
            FdCalls.closeQuietly(pipe[0]);
            FdCalls.closeQuietly(pipe[1]);
            throw e;
        }
        long pid;
        try {
            pid = ContainerExec.start(ExecRequests.of(container, attached, launcher,
                    new int[] {devNull, pipe[1], pipe[1]}));
        } catch (RuntimeException e) {
            FdCalls.closeQuietly(pipe[0]);
            throw e;
        } finally {
            FdCalls.closeQuietly(devNull);
            FdCalls.closeQuietly(pipe[1]);
        }
        OutputTail output = new OutputTail(pipe[0]);
        Thread reader = new Thread(output, "berth-exec-output-" + pid);
        reader.setDaemon(true);
        reader.start();
        int exitCode = ProcessCalls.waitFor(pid).exitCode();
        try {
            reader.join(DRAIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ExecResult(exitCode, output.text());
    }

    private static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(1);

    /** Reads a pipe to its end (then closes it), keeping the last {@link ExecResult#MAX_OUTPUT} bytes. */
    private static final class OutputTail implements Runnable {
        private final int fd;
        private final java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();

        OutputTail(int fd) {
            this.fd = fd;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    byte[] chunk = FdCalls.read(fd, 8192);
                    if (chunk.length == 0) {
                        return;
                    }
                    synchronized (kept) {
                        kept.writeBytes(chunk);
                        if (kept.size() > 2 * ExecResult.MAX_OUTPUT) {
                            byte[] all = kept.toByteArray();
                            kept.reset();
                            kept.write(all, all.length - ExecResult.MAX_OUTPUT, ExecResult.MAX_OUTPUT);
                        }
                    }
                }
            } catch (RuntimeException readFailed) {
                // the output so far is what there is
            } finally {
                FdCalls.closeQuietly(fd);
            }
        }

        String text() {
            synchronized (kept) {
                byte[] all = kept.toByteArray();
                int from = Math.max(0, all.length - ExecResult.MAX_OUTPUT);
                return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }

    /** The container's processes, as {@code ps -ef} lists them. */
    public List<ProcessEntry> top(ContainerInfo container) {
        return ContainerTop.list(launcher.cgroups(), launcher.cgroupOf(container.id()));
    }
}
