package io.berth.runtime.build.exec;

import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildNetwork;
import io.berth.runtime.container.ContainerStdio;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.container.LaunchedProcess;
import io.berth.runtime.container.UserResolver;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.network.ContainerNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Runs one RUN as a container of Berth's runtime: an overlay of the stage's layers with a fresh
 * upper directory, the launcher's namespaces, cgroup and init stage as for a service container,
 * output followed into the listener. The upper directory is what the step changed; the caller
 * turns it into a layer. Whatever happens, no process, mount, cgroup or veth is left behind.
 */
final class RunContainer {
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Mount points the runtime itself makes; when the image lacks them they are removed from the layer. */
    private static final List<String> RUNTIME_MOUNT_POINTS = List.of("/proc", "/sys", "/dev", "/etc/hosts",
            "/etc/resolv.conf");

    private final KernelContainerLauncher launcher;
    private final BuildNetworkAccess network;
    private final Path runRoot;

    RunContainer(RuntimeConfig config, KernelContainerLauncher launcher) {
        this.launcher = launcher;
        this.network = new BuildNetworkAccess(config);
        this.runRoot = config.runRoot().resolve("builder");
    }

    /**
     * Runs {@code spec} over {@code layersTopFirst} with {@code workDir} (empty, on the layer
     * store's filesystem) for its upper and work directories; returns the upper directory.
     *
     * @param location "Dockerfile:7", for the error
     * @param shown    the command as the error shows it
     * @param output   gets (isStderr, line) as the command writes
     */
    Path run(RunSpec spec, List<Path> layersTopFirst, Path workDir, Map<String, String> extraHosts, long shmBytes,
             List<LaunchRequest.Rlimit> rlimits, boolean privileged, String location, String shown,
             BiConsumer<Boolean, String> output) throws IOException {
        ContainerId id = ContainerId.random();
        Path upper = workDir.resolve("upper");
        Path stepRun = runRoot.resolve(id.value());
        Files.createDirectories(stepRun);
        List<Path> lowers = layersTopFirst;
        if (lowers.isEmpty()) { // FROM scratch: overlayfs needs one lower directory
            Path empty = Files.createDirectories(workDir.resolve("scratch"));
            lowers = List.of(empty);
        }
        List<String> stubs = new ArrayList<>();
        for (String point : RUNTIME_MOUNT_POINTS) {
            if (!RootFiles.exists(layersTopFirst, point)) {
                stubs.add(point);
            }
        }
        List<LaunchRequest.Mount> mounts = new ArrayList<>();
        Path hosts = stepRun.resolve("hosts");
        Files.writeString(hosts, hostsFile(extraHosts), StandardCharsets.UTF_8);
        mounts.add(new LaunchRequest.Mount("bind", hosts, "/etc/hosts", List.of("ro"), null));
        Path resolvConf = Path.of("/etc/resolv.conf");
        if (spec.network() != BuildNetwork.NONE && Files.isRegularFile(resolvConf)) {
            Path copy = stepRun.resolve("resolv.conf");
            Files.copy(resolvConf, copy);
            mounts.add(new LaunchRequest.Mount("bind", copy, "/etc/resolv.conf", List.of("ro"), null));
        }
        for (RunSpec.RunMount mount : spec.mounts()) {
            if (!RootFiles.exists(layersTopFirst, mount.target())) {
                stubs.add(mount.target());
            }
            mounts.add(RunMounts.toLaunchMount(mount));
        }
        UserResolver.ResolvedUser user = UserResolver.resolve(spec.user().isEmpty() ? "0" : spec.user(),
                RootFiles.readOrEmpty(layersTopFirst, "/etc/passwd"), RootFiles.readOrEmpty(layersTopFirst, "/etc/group"));
        List<String> env = new ArrayList<>();
        if (spec.env().stream().noneMatch(entry -> entry.startsWith("PATH="))) {
            env.add("PATH=" + DEFAULT_PATH);
        }
        env.addAll(spec.env());
        if (spec.env().stream().noneMatch(entry -> entry.startsWith("HOME="))) {
            env.add("HOME=" + user.home());
        }
        Path stdout = stepRun.resolve("stdout");
        Path stderr = stepRun.resolve("stderr");
        LaunchRequest request = new LaunchRequest(id, lowers, upper, workDir.resolve("work"), stepRun.resolve("rootfs"),
                spec.argv(), env, spec.workingDir(), user.uid(), user.gid(), user.supplementaryGids(), "buildkitsandbox",
                "", spec.network() == BuildNetwork.HOST ? LaunchRequest.HOST_NETNS : null, null, stdout, stderr, null,
                mounts, privileged ? RunMounts.ALL_CAPABILITIES : null, false, false, Map.of(), rlimits, shmBytes,
                LaunchRequest.CgroupLimits.NONE);
        OutputTail tail = new OutputTail(stdout, stderr, output);
        ContainerNetwork attached = null;
        int exitCode;
        try {
            if (spec.network() == BuildNetwork.DEFAULT) {
                attached = network.prepare(id);
            }
            ContainerNetwork joining = attached;
            ActiveSteps.started(launcher, request, () -> {
                if (joining != null) {
                    network.release(id);
                }
                Trees.deleteQuietly(stepRun);
                Trees.deleteQuietly(workDir);
            });
            LaunchedProcess process = launcher.launch(request, ContainerStdio.FILES, null, pid -> {
                if (joining != null) {
                    network.connect(joining, pid);
                }
            });
            exitCode = waitFollowing(process, tail);
        } finally {
            ActiveSteps.ended(id);
            try {
                try {
                    launcher.killAll(id);
                } finally {
                    launcher.cleanup(request); // unmount and remove the cgroup even when the kill failed
                }
            } finally {
                if (attached != null) {
                    network.release(id);
                }
                io.berth.runtime.build.exec.Trees.deleteQuietly(stepRun);
            }
        }
        if (exitCode != 0) {
            throw new BuildException(new BuildException.RunFailure(location, shown, exitCode, tail.lastLines()));
        }
        for (String stub : stubs) {
            Trees.removeStub(upper, stub);
        }
        return upper;
    }

    /** Waits for the step's PID 1, passing its output on meanwhile; returns its exit status. */
    private static int waitFollowing(LaunchedProcess process, OutputTail tail) {
        int pidfd = ProcessCalls.pidfdOpen(process.pid());
        try {
            while (!ProcessCalls.awaitReadable(pidfd, java.time.Duration.ofMillis(50))) {
                tail.poll(false);
            }
        } finally {
            io.berth.runtime.linux.FdCalls.closeQuietly(pidfd);
        }
        ProcessCalls.ExitStatus exit = ProcessCalls.waitFor(process.pid());
        tail.poll(true);
        return exit.exitCode();
    }

    private static String hostsFile(Map<String, String> extraHosts) {
        StringBuilder text = new StringBuilder("127.0.0.1\tlocalhost buildkitsandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        extraHosts.forEach((name, address) -> text.append(address).append('\t').append(name).append('\n'));
        return text.toString();
    }
}
