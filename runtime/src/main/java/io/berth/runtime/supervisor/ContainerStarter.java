package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerState;
import io.berth.runtime.PortBinding;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.container.ContainerStdio;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.launch.LinkVariables;
import io.berth.runtime.launch.NetworkAccess;
import io.berth.runtime.launch.VolumeCopyUp;
import io.berth.runtime.state.ContainerRecord;
import io.berth.runtime.state.StateTransitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A start (or restart) of a created or exited container, always under its lock: the record says
 * "starting" on disk before anything is made, so that a supervisor killed meanwhile finds and
 * cleans up the half-done start; a failed start detaches what it attached and records the error.
 */
final class ContainerStarter {
    private final ContainerManager manager;

    ContainerStarter(ContainerManager manager) {
        this.manager = manager;
    }

    /** Under the container's lock. */
    void launch(ContainerRecord record, boolean isRestart) {
        StateTransitions.check(record.name(), record.state(), ContainerState.RUNNING);
        ContainerRecord starting = record.toBuilder().starting(true).error(null).build();
        manager.store().save(starting);
        manager.publish(starting);
        NetworkAccess networks = manager.networks();
        NetworkAccess.Attached attached = null;
        try {
            long began = System.nanoTime();
            var records = manager.records().values();
            NetworkAccess.Deferred network = networks.attachDeferred(record.id(), record.name(), record.spec(),
                    SharedNamespaces.networkOf(record, records));
            attached = network.attached();
            String hostname = SharedNamespaces.hostnameOf(record, records);
            LaunchRequest request = withNetwork(record.launch(), attached, withHostname(LinkVariables.apply(
                    record.launch().env(), record.name(), record.spec(), attached.addresses(), records),
                    hostname), hostname, SharedNamespaces.namespaceOf(record, "ipc", records),
                    SharedNamespaces.namespaceOf(record, "pid", records));
            long attachedAt = System.nanoTime();
            // peers see a starting container in their /etc/hosts before its process runs, and it sees them
            manager.names().refreshWithStarting(starting.toBuilder()
                    .network(attached.addresses(), attached.ports()).build());
            VolumeCopyUp.beforeStart(record, manager.launcher(), manager.volumes());
            long networked = System.nanoTime();
            long[] connectNanos = new long[1];
            List<PortBinding> ports = new ArrayList<>(attached.ports());
            ContainerStdio stdioMode = ContainerStdio.of(record.spec().tty(), record.spec().stdinOpen());
            Integer oomScoreAdj = record.spec().options().oomScoreAdj();
            var process = manager.launcher().launch(request, stdioMode, manager.stdio().requestedSize(record.id()),
                    pid -> {
                        if (oomScoreAdj != null) {
                            // before the command's execve: it and every process it makes inherit the score
                            writeOomScoreAdj(pid, oomScoreAdj);
                        }
                        long connecting = System.nanoTime();
                        List<PortBinding> published = network.connect().connect(pid);
                        ports.clear();
                        ports.addAll(published);
                        connectNanos[0] = System.nanoTime() - connecting;
                    });
            manager.stdio().started(record.id(), stdioMode, process.stdioFd());
            long launched = System.nanoTime();
            attached = new NetworkAccess.Attached(attached.netns(), attached.addresses(), List.copyOf(ports),
                    attached.extraMounts());
            // the record keeps the request made at create: each start adds network, name files and
            // link variables afresh
            ContainerRecord running = starting.toBuilder().state(ContainerState.RUNNING).starting(false)
                    .process(process.pid(), process.startTime(), process.cgroup())
                    .startedAt(Instant.now()).stoppedByUser(false)
                    .restartCount(isRestart ? record.restartCount() + 1 : record.restartCount())
                    .network(attached.addresses(), attached.ports())
                    .health(HealthChecker.initialStatus(record)).build();
            manager.store().save(running);
            manager.publish(running);
            // logged only now: a supervisor killed before the PID is saved leaves the process unrecorded
            ContainerManager.log("started " + record.name() + " (PID " + process.pid() + "): network "
                    + (attachedAt - began) / 1_000_000 + " ms before the launch, "
                    + connectNanos[0] / 1_000_000 + " ms during it, hosts files and copy-up "
                    + (networked - attachedAt) / 1_000_000 + " ms, launch "
                    + (launched - networked) / 1_000_000
                    + " ms" + (manager.launcher() instanceof KernelContainerLauncher
                    ? " (" + KernelContainerLauncher.lastLaunchPhases() + ")" : ""));
            manager.names().startEnded(record.id(), false);
            manager.logPump().register(record.id(), record.spec().options().logging());
            manager.reaper().watch(record.id(), process.pid());
            manager.health().watch(running);
        } catch (RuntimeException e) {
            if (attached != null) {
                ContainerManager.quietly("detach networks of " + record.name(),
                        () -> networks.detach(record.id(), record.name(), record.spec()));
            }
            ContainerState after = isRestart ? ContainerState.EXITED : starting.state();
            Kind kind = e instanceof RuntimeOperationException roe ? roe.kind() : Kind.FAILED;
            ContainerRecord.Builder failedBuilder = starting.toBuilder().state(after).starting(false).error(e.getMessage());
            // a command that cannot run: the container's exit code is Docker's 127 or 126 (ps, inspect, wait)
            kind.commandExitCode().ifPresent(code -> failedBuilder.exit(code, false, false, Instant.now()));
            ContainerRecord failed = failedBuilder.build();
            manager.store().save(failed);
            manager.publish(failed);
            manager.names().startEnded(record.id(), true);
            String why = String.valueOf(e.getMessage()).replaceFirst("^start container [0-9a-f]{12}: ", "");
            throw new RuntimeOperationException(kind, "start container " + record.name() + ": " + why, e);
        }
    }

    private static void writeOomScoreAdj(long pid, Integer oomScoreAdj) {
        try {
            Files.writeString(Path.of("/proc/" + pid + "/oom_score_adj"), oomScoreAdj.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("oom_score_adj " + oomScoreAdj + ": " + e.getMessage(), e);
        }
    }

    private static List<String> withHostname(List<String> env, String hostname) {
        return hostname == null ? env : env.stream()
                .map(entry -> entry.startsWith("HOSTNAME=") ? "HOSTNAME=" + hostname : entry).toList();
    }

    private static LaunchRequest withNetwork(LaunchRequest base, NetworkAccess.Attached attached, List<String> env,
                                             String hostname, Path ipcNamespace, Path pidNamespace) {
        List<LaunchRequest.Mount> mounts = new ArrayList<>(attached.extraMounts());
        mounts.addAll(base.mounts());
        return new LaunchRequest(base.id(), base.lowerDirs(), base.upperDir(), base.workDir(), base.rootfs(),
                base.argv(), env, base.workingDir(), base.uid(), base.gid(), base.supplementaryGids(),
                hostname != null ? hostname : base.hostname(), base.domainname(), attached.netns(),
                base.shareNetnsOf(), base.stdout(),
                base.stderr(), base.stdinPath(), List.copyOf(mounts), base.capabilities(),
                base.noNewPrivileges(), base.readOnlyRootfs(), base.sysctls(), base.rlimits(),
                base.shmSizeBytes(), base.limits(), base.init(), ipcNamespace, pidNamespace, base.seccomp());
    }
}
