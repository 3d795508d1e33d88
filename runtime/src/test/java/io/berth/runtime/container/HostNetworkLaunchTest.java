package io.berth.runtime.container;

import static io.berth.runtime.container.ContainerHarness.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.linux.ProcessCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code network_mode: host} in the launcher: {@link LaunchRequest#HOST_NETNS} keeps the init
 * stage in the launching process's own network namespace (nothing joined, nothing unshared, no
 * /proc/1), and refuses net.* sysctls, which would be written into the host's namespace.
 */
@Tag("root")
class HostNetworkLaunchTest {
    private static ContainerHarness harness;
    private static KernelContainerLauncher launcher;

    @BeforeAll
    static void setUp() throws Exception {
        harness = ContainerHarness.open("hostnet");
        launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-hostnet");
    }

    @AfterAll
    static void tearDown() throws IOException {
        ContainerHarness.close(harness);
    }

    private static LaunchRequest onHostNetwork(LaunchRequest r) {
        return new LaunchRequest(r.id(), r.lowerDirs(), r.upperDir(), r.workDir(), r.rootfs(), r.argv(), r.env(),
                r.workingDir(), r.uid(), r.gid(), r.supplementaryGids(), r.hostname(), r.domainname(),
                LaunchRequest.HOST_NETNS, null, r.stdout(), r.stderr(), r.stdinPath(), r.mounts(), r.capabilities(),
                r.noNewPrivileges(), r.readOnlyRootfs(), r.sysctls(), r.rlimits(), r.shmSizeBytes(), r.limits());
    }

    @Test
    void aHostModeContainerIsInThisProcesssNetworkNamespace() throws Exception {
        String hostNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        LaunchRequest request = onHostNetwork(harness.request(sh("readlink /proc/self/ns/net; cat /proc/net/dev")));
        LaunchedProcess process = launcher.launch(request);
        try {
            ProcessCalls.waitFor(process.pid());
        } finally {
            launcher.cleanup(request);
        }
        List<String> lines = ContainerHarness.stdout(request).lines().toList();
        assertEquals(hostNamespace, lines.get(0), ContainerHarness.stderr(request));
        Set<String> inside = new TreeSet<>();
        lines.stream().skip(1).filter(line -> line.contains(":"))
                .forEach(line -> inside.add(line.substring(0, line.indexOf(':')).strip()));
        assertTrue(inside.contains("lo") && inside.size() > 1, "the host's interfaces: " + inside);
    }

    @Test
    void netSysctlsAreRefusedInTheHostsNamespace() {
        LaunchRequest request = ContainerHarness.withOptions(onHostNetwork(harness.request(List.of("true"))),
                Map.of("net.ipv4.ip_forward", "1"), List.of(), false, "");
        RuntimeOperationException refused = assertThrows(RuntimeOperationException.class, () -> launcher.launch(request));
        assertTrue(refused.getMessage().contains("net.* sysctls are not allowed"), refused.getMessage());
    }
}
