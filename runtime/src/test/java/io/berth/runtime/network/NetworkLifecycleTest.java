package io.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.NetworkAttachment;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.RuntimeOperationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("root")
class NetworkLifecycleTest {
    private NetTestSupport net;

    @BeforeEach
    void setUp() throws Exception {
        net = new NetTestSupport();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    static NetworkSpec spec(String name) {
        return new NetworkSpec(name, "bridge", Map.of("test", "berth"), null, null, null, false, Map.of());
    }

    @Test
    void createMakesBridgeWithGatewayAndRulesAndRemoveTakesThemAway() {
        NetworkInfo info = net.manager.create(spec("berthtest_default"));
        assertTrue(info.bridge().matches("bt-[0-9a-f]{12}"), info.bridge());
        assertTrue(BridgeLinks.exists(info.bridge()));
        String addr = NetTestSupport.run("ip", "-4", "-o", "addr", "show", "dev", info.bridge()).stdout();
        assertTrue(addr.contains(info.gateway() + "/24"), addr);
        String chainSuffix = info.bridge().substring(3);
        assertTrue(NetworkFirewall.save("filter").contains("BERTH-FWD-" + chainSuffix));
        assertTrue(NetworkFirewall.save("nat").contains("BERTH-DNAT-" + chainSuffix));

        net.manager.remove("berthtest_default", false);
        assertFalse(BridgeLinks.exists(info.bridge()));
        assertFalse(NetworkFirewall.save("filter").contains(chainSuffix));
        assertFalse(NetworkFirewall.save("nat").contains(chainSuffix));
        assertTrue(net.manager.inspect("berthtest_default").isEmpty());
    }

    @Test
    void subnetsComeFromThePoolSkippingTakenOnes() {
        NetworkInfo first = net.manager.create(spec("berthtest_a"));
        NetworkInfo second = net.manager.create(spec("berthtest_b"));
        assertFalse(Ipv4Subnet.parse(first.subnet()).overlaps(Ipv4Subnet.parse(second.subnet())));
        assertTrue(Ipv4Subnet.parse("10.231.0.0/16").contains(Ipv4Subnet.parse(second.subnet()).network()));
        assertEquals(List.of("berthtest_a", "berthtest_b"),
                net.manager.list(Map.of("test", "berth")).stream().map(NetworkInfo::name).toList());
    }

    @Test
    void ipamConfigGivesSubnetRangeAndGateway() {
        NetworkInfo info = net.manager.create(new NetworkSpec("berthtest_ipam", "bridge", Map.of(),
                "10.232.5.0/24", "10.232.5.128/25", "10.232.5.254", false, Map.of()));
        assertEquals("10.232.5.0/24", info.subnet());
        assertEquals("10.232.5.254", info.gateway());
        ContainerId first = net.newContainer();
        ContainerNetwork attached = net.manager.attach(first, "berthtest-web-1", new NetworkMode.Bridge(),
                List.of(new NetworkAttachment("berthtest_ipam", List.of(), null, null, null)));
        assertEquals("10.232.5.128", attached.interfaces().get(0).address());
        ContainerId fixed = net.newContainer();
        ContainerNetwork pinned = net.manager.attach(fixed, "berthtest-db-1", new NetworkMode.Bridge(),
                List.of(new NetworkAttachment("berthtest_ipam", List.of(), "10.232.5.7", null, null)));
        assertEquals("10.232.5.7", pinned.interfaces().get(0).address());
        ContainerId clash = net.newContainer();
        RuntimeOperationException error = assertThrows(RuntimeOperationException.class, () ->
                net.manager.attach(clash, "berthtest-db-2", new NetworkMode.Bridge(),
                        List.of(new NetworkAttachment("berthtest_ipam", List.of(), "10.232.5.7", null, null))));
        assertTrue(error.getMessage().contains("already in use"), error.getMessage());
    }

    @Test
    void aNetworkInUseIsRemovedOnlyWhenForcedTakingTheContainersVethsWithIt() {
        net.manager.create(spec("berthtest_busy"));
        ContainerNetwork attached = net.manager.attach(net.newContainer(), "berthtest-web-1", new NetworkMode.Bridge(),
                List.of(new NetworkAttachment("berthtest_busy", List.of(), null, null, null)));
        RuntimeOperationException inUse = assertThrows(RuntimeOperationException.class,
                () -> net.manager.remove("berthtest_busy", false));
        assertTrue(inUse.getMessage().contains("berthtest-web-1"), inUse.getMessage());
        net.manager.remove("berthtest_busy", true);
        assertFalse(BridgeLinks.exists(attached.interfaces().get(0).hostInterface()));
        assertFalse(BridgeLinks.exists(attached.interfaces().get(0).bridge()));
    }

    @Test
    void containersAttachedInParallelGetDistinctAddresses() throws Exception {
        net.manager.create(spec("berthtest_scale"));
        List<ContainerId> ids = java.util.stream.IntStream.range(0, 6).mapToObj(i -> net.newContainer()).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<ContainerNetwork>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                ContainerId id = ids.get(i);
                String name = "berthtest-client-" + (i + 1);
                futures.add(pool.submit(() -> net.manager.attach(id, name, new NetworkMode.Bridge(),
                        List.of(new NetworkAttachment("berthtest_scale", List.of(), null, null, null)))));
            }
            java.util.Set<String> addresses = new java.util.HashSet<>();
            for (java.util.concurrent.Future<ContainerNetwork> future : futures) {
                addresses.add(future.get().primaryAddress());
            }
            assertEquals(ids.size(), addresses.size(), addresses.toString());
            assertEquals(ids.size(), net.manager.inspect("berthtest_scale").orElseThrow().containers().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nameAndSubnetConflictsAreRefused() {
        net.manager.create(spec("berthtest_dup"));
        assertEquals(RuntimeOperationException.Kind.CONFLICT, assertThrows(RuntimeOperationException.class,
                () -> net.manager.create(spec("berthtest_dup"))).kind());
        NetworkInfo taken = net.manager.create(new NetworkSpec("berthtest_fixed", "bridge", Map.of(),
                "10.232.9.0/24", null, null, false, Map.of()));
        assertThrows(RuntimeOperationException.class, () -> net.manager.create(new NetworkSpec(
                "berthtest_overlap", "bridge", Map.of(), "10.232.9.128/25", null, null, false, Map.of())));
        assertThrows(RuntimeOperationException.class, () -> net.manager.create(spec("bad/name")));
        assertTrue(net.manager.inspect(taken.name()).isPresent());
    }
}
