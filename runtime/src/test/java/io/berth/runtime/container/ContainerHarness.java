package io.berth.runtime.container;

import io.berth.runtime.ContainerId;
import io.berth.runtime.container.LaunchRequest.CgroupLimits;
import io.berth.runtime.linux.Capabilities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Builds launch requests over one busybox layer, each container in its own directory. */
final class ContainerHarness {
    final Path stateRoot;
    final Path layer;

    ContainerHarness(Path stateRoot) throws IOException, InterruptedException {
        this.stateRoot = stateRoot;
        this.layer = BusyboxRootfs.create(stateRoot.resolve("layers/busybox"));
    }

    /** For a test class: skips unless root with busybox-static; a state root /tmp/berth-test-NAME-*. */
    static ContainerHarness open(String name) throws IOException, InterruptedException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root: namespaces, mounts, cgroups");
        Assumptions.assumeTrue(Files.isExecutable(BusyboxRootfs.BUSYBOX), "needs /bin/busybox (busybox-static)");
        return new ContainerHarness(Files.createTempDirectory("berth-test-" + name + "-"));
    }

    /** Deletes the state root of {@link #open}; null (skipped) is fine. */
    static void close(ContainerHarness harness) throws IOException {
        if (harness != null) {
            deleteTree(harness.stateRoot);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (root != null && Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    LaunchRequest request(List<String> argv) {
        return request(argv, List.of(layer));
    }

    LaunchRequest request(List<String> argv, List<Path> lowerDirs) {
        ContainerId id = ContainerId.random();
        Path dir = stateRoot.resolve("containers").resolve(id.shortId());
        return new LaunchRequest(id, lowerDirs, dir.resolve("upper"), dir.resolve("work"), dir.resolve("rootfs"),
                argv, List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root"),
                "/", 0, 0, List.of(), "berth-test", "", null, null, dir.resolve("stdout.log"),
                dir.resolve("stderr.log"), null, List.of(), Capabilities.DOCKER_DEFAULTS, true, false, Map.of(),
                List.of(), 0, CgroupLimits.NONE);
    }

    static LaunchRequest withUser(LaunchRequest r, int uid, int gid, List<Integer> groups, String workingDir) {
        return new LaunchRequest(r.id(), r.lowerDirs(), r.upperDir(), r.workDir(), r.rootfs(), r.argv(), r.env(),
                workingDir, uid, gid, groups, r.hostname(), r.domainname(), r.netns(), r.shareNetnsOf(), r.stdout(),
                r.stderr(), r.stdinPath(), r.mounts(), r.capabilities(), r.noNewPrivileges(), r.readOnlyRootfs(),
                r.sysctls(), r.rlimits(), r.shmSizeBytes(), r.limits());
    }

    static LaunchRequest withEnv(LaunchRequest r, List<String> env) {
        return new LaunchRequest(r.id(), r.lowerDirs(), r.upperDir(), r.workDir(), r.rootfs(), r.argv(), env,
                r.workingDir(), r.uid(), r.gid(), r.supplementaryGids(), r.hostname(), r.domainname(), r.netns(),
                r.shareNetnsOf(), r.stdout(), r.stderr(), r.stdinPath(), r.mounts(), r.capabilities(),
                r.noNewPrivileges(), r.readOnlyRootfs(), r.sysctls(), r.rlimits(), r.shmSizeBytes(), r.limits());
    }

    static LaunchRequest withMounts(LaunchRequest r, List<LaunchRequest.Mount> mounts) {
        return new LaunchRequest(r.id(), r.lowerDirs(), r.upperDir(), r.workDir(), r.rootfs(), r.argv(), r.env(),
                r.workingDir(), r.uid(), r.gid(), r.supplementaryGids(), r.hostname(), r.domainname(), r.netns(),
                r.shareNetnsOf(), r.stdout(), r.stderr(), r.stdinPath(), mounts, r.capabilities(),
                r.noNewPrivileges(), r.readOnlyRootfs(), r.sysctls(), r.rlimits(), r.shmSizeBytes(), r.limits());
    }

    static LaunchRequest withLimits(LaunchRequest r, CgroupLimits limits) {
        return new LaunchRequest(r.id(), r.lowerDirs(), r.upperDir(), r.workDir(), r.rootfs(), r.argv(), r.env(),
                r.workingDir(), r.uid(), r.gid(), r.supplementaryGids(), r.hostname(), r.domainname(), r.netns(),
                r.shareNetnsOf(), r.stdout(), r.stderr(), r.stdinPath(), r.mounts(), r.capabilities(),
                r.noNewPrivileges(), r.readOnlyRootfs(), r.sysctls(), r.rlimits(), r.shmSizeBytes(), limits);
    }

    static LaunchRequest withOptions(LaunchRequest r, Map<String, String> sysctls, List<LaunchRequest.Rlimit> rlimits,
                                     boolean readOnlyRootfs, String domainname) {
        return new LaunchRequest(r.id(), r.lowerDirs(), r.upperDir(), r.workDir(), r.rootfs(), r.argv(), r.env(),
                r.workingDir(), r.uid(), r.gid(), r.supplementaryGids(), r.hostname(), domainname, r.netns(),
                r.shareNetnsOf(), r.stdout(), r.stderr(), r.stdinPath(), r.mounts(), r.capabilities(),
                r.noNewPrivileges(), readOnlyRootfs, sysctls, rlimits, r.shmSizeBytes(), r.limits());
    }

    static String stdout(LaunchRequest request) throws IOException {
        return Files.exists(request.stdout()) ? Files.readString(request.stdout()) : "";
    }

    static String stderr(LaunchRequest request) throws IOException {
        return Files.exists(request.stderr()) ? Files.readString(request.stderr()) : "";
    }

    static List<String> sh(String script) {
        return new ArrayList<>(List.of("/bin/sh", "-c", script));
    }
}
