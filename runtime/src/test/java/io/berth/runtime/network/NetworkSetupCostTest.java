package io.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.ContainerId;
import io.berth.runtime.NetworkAttachment;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Figures for docs/benchmarks.md: what a network and a container's network set-up cost. */
@Tag("root")
class NetworkSetupCostTest {
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

    @Test
    void measureBridgeAndPerContainerVethSetUp() {
        int networks = 3;
        long start = System.nanoTime();
        for (int i = 0; i < networks; i++) {
            net.manager.create(new NetworkSpec("berthtest_cost" + i, "bridge", Map.of(), null, null, null, false, Map.of()));
        }
        double networkMs = (System.nanoTime() - start) / 1e6 / networks;

        int containers = 10;
        List<ContainerId> ids = new ArrayList<>();
        List<NetworkAttachment> one = List.of(new NetworkAttachment("berthtest_cost0", List.of(), null, null, null));
        ContainerId warmUp = net.newContainer();
        net.manager.attach(warmUp, "berthtest-warmup", new NetworkMode.Bridge(), one);
        net.manager.detach(warmUp);
        start = System.nanoTime();
        for (int i = 0; i < containers; i++) {
            ContainerId id = net.newContainer();
            ids.add(id);
            net.manager.attach(id, "berthtest-cost-" + i, new NetworkMode.Bridge(), one);
        }
        double attachOneMs = (System.nanoTime() - start) / 1e6 / containers;

        start = System.nanoTime();
        for (ContainerId id : ids) {
            net.manager.detach(id);
        }
        double detachMs = (System.nanoTime() - start) / 1e6 / containers;

        List<NetworkAttachment> two = List.of(new NetworkAttachment("berthtest_cost1", List.of(), null, null, null),
                new NetworkAttachment("berthtest_cost2", List.of(), null, null, null));
        start = System.nanoTime();
        for (int i = 0; i < containers; i++) {
            assertEquals(2, net.manager.attach(net.newContainer(), "berthtest-cost2-" + i, new NetworkMode.Bridge(), two)
                    .interfaces().size());
        }
        double attachTwoMs = (System.nanoTime() - start) / 1e6 / containers;
        System.out.printf("BENCH network set-up: create network (bridge + iptables) %.1f ms;"
                + " per container: netns + 1 veth %.1f ms, netns + 2 veths %.1f ms, detach %.1f ms"
                + " (means; %d networks, %d containers each; load average %s)%n",
                networkMs, attachOneMs, attachTwoMs, detachMs, networks, containers,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
