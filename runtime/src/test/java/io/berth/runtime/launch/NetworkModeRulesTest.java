package io.berth.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageReference;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostname and sysctls by network mode, as Docker decides them. */
class NetworkModeRulesTest {
    private static final ImageReference IMAGE = ImageReference.parse("berth-test/x:1");

    private static ContainerSpec networked(NetworkMode mode, String hostname, Map<String, String> sysctls) {
        return new ContainerSpec("c", Map.of(), IMAGE, null, List.of("x"), List.of(), null, List.of(), null, hostname,
                null, false, false, null, null, List.of(), mode, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), false, List.of(), List.of(), false, null, null, sysctls, List.of(), null, null, null, List.of());
    }

    @Test
    void hostNetworkModeTakesTheHostsHostnameAndRefusesNetSysctlsAsDocker() throws IOException {
        ContainerId id = ContainerId.random();
        String hostHostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        NetworkMode host = new NetworkMode.Host();
        assertEquals(hostHostname, NetworkModeRules.hostname(id, networked(host, null, Map.of())));
        assertEquals("given", NetworkModeRules.hostname(id, networked(host, "given", Map.of())));
        assertEquals(id.shortId(), NetworkModeRules.hostname(id, networked(new NetworkMode.Bridge(), null, Map.of())));

        RuntimeOperationException refused = assertThrows(RuntimeOperationException.class, () ->
                NetworkModeRules.refuseSharedNetworkSysctls(networked(host, null, Map.of("net.ipv4.ip_forward", "1"))));
        assertTrue(refused.getMessage().contains("sysctl net.ipv4.ip_forward is not allowed with network_mode host"),
                refused.getMessage());
        assertThrows(RuntimeOperationException.class, () -> NetworkModeRules.refuseSharedNetworkSysctls(networked(
                new NetworkMode.Container("x"), null, Map.of("net.core.somaxconn", "1024"))));
        // IPC sysctls are the container's own in every network mode; net.* with a namespace of its own too
        NetworkModeRules.refuseSharedNetworkSysctls(networked(host, null, Map.of("kernel.shmmni", "4096")));
        NetworkModeRules.refuseSharedNetworkSysctls(networked(new NetworkMode.None(), null,
                Map.of("net.ipv4.ip_forward", "1")));
    }
}
