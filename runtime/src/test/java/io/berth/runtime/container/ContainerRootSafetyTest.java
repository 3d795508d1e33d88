package io.berth.runtime.container;

import static io.berth.runtime.container.ContainerHarness.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.linux.ProcessCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Mount destinations are resolved inside the root: a hostile image cannot aim Berth at the host. */
@Tag("root")
class ContainerRootSafetyTest {
    private static ContainerHarness harness;
    private static KernelContainerLauncher launcher;

    @BeforeAll
    static void setUp() throws Exception {
        harness = ContainerHarness.open("rootsafety");
        launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-rootsafety");
    }

    @AfterAll
    static void tearDown() throws IOException {
        ContainerHarness.close(harness);
    }

    @Test
    void symlinksForEtcHostsDevProcAndSysCannotLeadOutOfTheRoot() throws Exception {
        Path outside = Files.createDirectories(harness.stateRoot.resolve("outside"));
        for (String name : List.of("dev", "proc", "sys")) {
            Files.createDirectories(outside.resolve(name));
        }
        Files.writeString(outside.resolve("hosts"), "host-original\n");
        Path hostile = Files.createDirectories(harness.stateRoot.resolve("layers/hostile/etc"));
        Files.createSymbolicLink(hostile.resolve("hosts"), Path.of("/../../../../.." + outside + "/hosts"));
        Path layer = hostile.getParent();
        Files.createSymbolicLink(layer.resolve("dev"), Path.of("/../../.." + outside + "/dev"));
        Files.createSymbolicLink(layer.resolve("proc"), Path.of("../../../../../../.." + outside + "/proc"));
        Files.createSymbolicLink(layer.resolve("sys"), outside.resolve("sys"));
        Path hostsSource = Files.writeString(harness.stateRoot.resolve("hosts-for-container"), "10.0.0.1 peer\n");

        LaunchRequest request = ContainerHarness.withMounts(harness.request(sh(
                "cat /etc/hosts; echo x > /dev/null && echo dev-ok; test -r /proc/1/status && echo proc-ok; true"),
                List.of(layer, harness.layer)),
                List.of(new LaunchRequest.Mount("bind", hostsSource, "/etc/hosts", List.of("ro"), null)));
        int exit = runToExit(request);
        String out = ContainerHarness.stdout(request) + ContainerHarness.stderr(request);
        assertTrue(out.startsWith("10.0.0.1 peer\ndev-ok\nproc-ok\n"), out);
        assertEquals(0, exit, out);
        assertEquals("host-original\n", Files.readString(outside.resolve("hosts")));
        assertEquals("10.0.0.1 peer\n", Files.readString(hostsSource));
        for (String name : List.of("dev", "proc", "sys")) {
            try (var entries = Files.list(outside.resolve(name))) {
                assertEquals(0, entries.count(), "host directory " + outside.resolve(name) + " was written to");
            }
        }
        // what the symlinks pointed at was created inside the container's writable layer instead
        assertTrue(Files.isDirectory(request.upperDir().resolve(outside.toString().substring(1)).resolve("dev")));
    }

    /**
     * A link through a magic link (/proc/self/root is the init stage's root: the host's, before
     * pivot_root) must not lead a mount, or the directories made for it, out of the root: the
     * stage resolves with openat2(RESOLVE_NO_MAGICLINKS) and refuses the launch.
     */
    @Test
    void aMountTargetBehindAMagicLinkIsRefusedAndNothingIsCreatedOnTheHost() throws Exception {
        Path layer = Files.createDirectories(harness.stateRoot.resolve("layers/magic"));
        Files.createSymbolicLink(layer.resolve("escape"), Path.of("/proc/self/root"));
        Path onTheHost = harness.stateRoot.resolve("made-through-the-escape");
        String destination = "/escape" + onTheHost + "/sub";

        LaunchRequest request = ContainerHarness.withMounts(harness.request(List.of("true"), List.of(layer, harness.layer)),
                List.of(new LaunchRequest.Mount("tmpfs", null, destination, List.of(), null)));
        RuntimeException error = assertThrows(RuntimeException.class, () -> launcher.launch(request));

        assertTrue(error.getMessage().contains("openat2 " + destination + " in the container's root: "
                + "Too many levels of symbolic links (ELOOP)"), error.getMessage());
        assertFalse(Files.exists(onTheHost), "a directory was made on the host through /proc/self/root");
        assertFalse(ContainerIsolationTest.mounted(request.rootfs()));
    }

    /** A missing mount target behind a dangling link is made where the link leads, inside the root. */
    @Test
    void aMissingMountTargetBehindADanglingLinkIsCreatedInsideTheRoot() throws Exception {
        Path outside = harness.stateRoot.resolve("dangling-outside");
        Path layer = Files.createDirectories(harness.stateRoot.resolve("layers/dangling"));
        Files.createSymbolicLink(layer.resolve("data"), Path.of("../../.." + outside + "/data"));

        LaunchRequest request = ContainerHarness.withMounts(harness.request(sh(
                "echo inside > /data/deep/file && cat /data/deep/file"), List.of(layer, harness.layer)),
                List.of(new LaunchRequest.Mount("tmpfs", null, "/data/deep", List.of(), "size=1m")));
        int exit = runToExit(request);
        assertEquals("inside\n", ContainerHarness.stdout(request), ContainerHarness.stderr(request));
        assertEquals(0, exit);
        assertFalse(Files.exists(outside), "the link's target was made on the host");
        assertTrue(Files.isDirectory(request.upperDir().resolve(outside.toString().substring(1)).resolve("data/deep")));
    }

    private static int runToExit(LaunchRequest request) {
        LaunchedProcess process = launcher.launch(request);
        try {
            return ProcessCalls.waitFor(process.pid()).exitCode();
        } finally {
            launcher.cleanup(request);
        }
    }
}
