package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageReference;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.Runtimes;
import io.berth.runtime.HostRuntime;
import io.berth.runtime.linux.ProcStat;
import io.berth.runtime.linux.ProcessCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A state root of its own under /tmp/berth-test-*, a supervisor started on demand with the plain
 * launcher and fake image, and a close() that removes every container, stops the supervisor,
 * kills anything left and deletes the directory.
 */
final class SupervisorFixture implements AutoCloseable {
    static final ImageReference IMAGE = ImageReference.parse("berth-test/plain:1");
    final Path root;
    final RuntimeConfig config;
    final List<String> jvmArgs;
    private final List<Long> pidsSeen = new ArrayList<>();

    private SupervisorFixture(List<String> jvmArgs) throws IOException {
        root = Files.createTempDirectory("berth-test-supervisor-");
        config = new RuntimeConfig(root.resolve("state"), root.resolve("run"));
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    /** Plain host processes, a fake image, no networking: the supervisor's own logic only. */
    SupervisorFixture() throws IOException {
        this(List.of(
                "-Dberth.supervisor.launcher=" + PlainProcessLauncher.class.getName(),
                "-Dberth.supervisor.images=" + DirectoryImages.class.getName(),
                "-Dberth.supervisor.networks=" + LoopbackNetworks.class.getName()));
    }

    /** As {@link #SupervisorFixture()}, with extra supervisor JVM options (-D...). */
    static SupervisorFixture plainWith(List<String> extraJvmArgs) throws IOException {
        List<String> args = new ArrayList<>(new SupervisorFixture().jvmArgsAndDiscard());
        args.addAll(extraJvmArgs);
        return new SupervisorFixture(args);
    }

    private List<String> jvmArgsAndDiscard() throws IOException {
        Files.delete(config.stateRoot().getParent());
        return jvmArgs;
    }

    /** The real launcher, image store, networks and volumes (root only). */
    static SupervisorFixture kernel() throws IOException {
        return new SupervisorFixture(List.of());
    }

    /** For a kernel test class: skips unless root; {@link #kernel()} with the busybox image loaded. */
    static SupervisorFixture kernelWithBusybox() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "needs root: namespaces, overlayfs and cgroups");
        SupervisorFixture fixture = kernel();
        io.berth.runtime.ImageService.open(fixture.config).load(io.berth.testfixtures.BusyboxImage.ociArchive());
        return fixture;
    }

    HostRuntime connect() {
        return Runtimes.connect(config, jvmArgs);
    }

    static ContainerSpec spec(String name, List<String> command) {
        return ContainerSpec.simple(name, IMAGE, command);
    }

    static ContainerSpec withRestart(ContainerSpec spec, String policy, int retries) {
        return new ContainerSpec(spec.name(), spec.labels(), spec.image(), spec.entrypoint(), spec.command(),
                spec.environment(), spec.user(), spec.groupAdd(), spec.workingDir(), spec.hostname(),
                spec.domainname(), spec.tty(), spec.stdinOpen(), spec.stopSignal(), spec.stopGracePeriod(),
                spec.mounts(), spec.networkMode(), spec.networks(), spec.ports(), spec.extraHosts(), spec.dns(),
                spec.dnsSearch(), spec.dnsOptions(), spec.readOnlyRootfs(), spec.capAdd(), spec.capDrop(),
                spec.privileged(), spec.resources(), new ContainerSpec.RestartPolicy(policy, retries),
                spec.sysctls(), spec.ulimits(), spec.shmSizeBytes(), spec.ipcMode(), spec.pidMode(), spec.links());
    }

    static ContainerSpec withLabels(ContainerSpec spec, Map<String, String> labels) {
        return new ContainerSpec(spec.name(), labels, spec.image(), spec.entrypoint(), spec.command(),
                spec.environment(), spec.user(), spec.groupAdd(), spec.workingDir(), spec.hostname(),
                spec.domainname(), spec.tty(), spec.stdinOpen(), spec.stopSignal(), spec.stopGracePeriod(),
                spec.mounts(), spec.networkMode(), spec.networks(), spec.ports(), spec.extraHosts(), spec.dns(),
                spec.dnsSearch(), spec.dnsOptions(), spec.readOnlyRootfs(), spec.capAdd(), spec.capDrop(),
                spec.privileged(), spec.resources(), spec.restartPolicy(),
                spec.sysctls(), spec.ulimits(), spec.shmSizeBytes(), spec.ipcMode(), spec.pidMode(), spec.links());
    }

    long supervisorPid() throws IOException {
        Path pidFile = config.runRoot().resolve("supervisor.pid");
        return Long.parseLong(Files.readString(pidFile).trim().split(" ")[0]);
    }

    void remember(ContainerInfo info) {
        if (info.pid() > 0) {
            pidsSeen.add(info.pid());
        }
    }

    /** SIGKILLs the supervisor and waits until it is gone. */
    void killSupervisor() throws Exception {
        long pid = supervisorPid();
        ProcessCalls.killIfAlive(pid, 9);
        for (int i = 0; i < 200 && ProcStat.isAlive(pid); i++) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        // read before the shutdown: the supervisor deletes its pid file as it begins to exit
        long supervisor = -1;
        try (HostRuntime client = connect()) {
            List<ContainerInfo> containers = client.listContainers(Map.of());
            supervisor = supervisorPid();
            for (ContainerInfo info : containers) {
                remember(info);
                try {
                    client.removeContainer(info.id(), true);
                } catch (RuntimeException e) {
                    System.err.println("cleanup: " + e.getMessage());
                }
            }
            client.shutdownSupervisor();
        } finally {
            for (long pid : pidsSeen) {
                ProcessCalls.killIfAlive(pid, 9);
            }
            long pid = supervisor;
            try {
                pid = supervisorPid(); // a later one, started by a client's retry, goes too
            } catch (IOException | RuntimeException noPidFile) {
                // the supervisor removed its pid file as it exited
            }
            for (long each : new long[] {supervisor, pid}) {
                for (int i = 0; each > 0 && i < 100 && ProcStat.isAlive(each); i++) {
                    Thread.sleep(20);
                }
                if (each > 0 && ProcStat.isAlive(each)) {
                    ProcessCalls.killIfAlive(each, 9);
                }
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
