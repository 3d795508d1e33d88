package io.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.NetworkSpec;
import io.berth.runtime.RuntimeOperationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pure decisions: address parsing, the subnet pool, allocation, planning, route parsing. */
class AddressingTest {

    @Test
    void addressesAndSubnetsParseAndCompare() {
        assertEquals("172.18.0.1", Ipv4Address.parse("172.18.0.1").toString());
        assertEquals("172.18.0.0/16", Ipv4Subnet.parse("172.18.3.4/16").toString());
        assertEquals("255.255.255.255", Ipv4Address.parse("255.255.255.255").toString());
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("256.1.1.1"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Subnet.parse("10.0.0.0/33"));
        assertTrue(Ipv4Subnet.parse("10.0.0.0/8").overlaps(Ipv4Subnet.parse("10.5.0.0/16")));
        assertFalse(Ipv4Subnet.parse("10.0.0.0/24").overlaps(Ipv4Subnet.parse("10.0.1.0/24")));
        assertEquals("10.0.0.255", Ipv4Subnet.parse("10.0.0.0/24").broadcast().toString());
    }

    @Test
    void thePoolSkipsRoutedAndTakenSubnetsAndFollowsDockersOrder() {
        SubnetPool pool = SubnetPool.dockerDefault();
        assertEquals("172.17.0.0/16", pool.firstFree(List.of()).orElseThrow().toString());
        assertEquals("172.19.0.0/16", pool.firstFree(List.of(Ipv4Subnet.parse("172.17.0.0/16"),
                Ipv4Subnet.parse("172.18.5.0/24"))).orElseThrow().toString());
        assertEquals("192.168.16.0/20", pool.firstFree(List.of(Ipv4Subnet.parse("172.16.0.0/12"),
                Ipv4Subnet.parse("192.168.1.0/24"))).orElseThrow().toString());
        SubnetPool small = SubnetPool.parse("10.9.0.0/23:24");
        assertEquals(Optional.empty(), small.firstFree(List.of(Ipv4Subnet.parse("10.9.0.0/23"))));
    }

    @Test
    void hostRoutesAndAddressesAreParsedWithoutTheDefaultRoute() {
        String routes = "default via 192.0.2.1 dev eth0\n192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2\n"
                + "local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1\n"
                + "broadcast 192.0.2.255 dev eth0 table local proto kernel scope link src 192.0.2.2\n";
        assertEquals(List.of(Ipv4Subnet.parse("192.0.2.0/24"), Ipv4Subnet.parse("127.0.0.0/8"),
                Ipv4Subnet.parse("192.0.2.255/32")), HostAddressing.parseRoutes(routes));
        String addrs = "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever\n"
                + "2: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\\       valid_lft forever\n";
        assertEquals(List.of(Ipv4Address.parse("127.0.0.1"), Ipv4Address.parse("192.0.2.2")), HostAddressing.parseAddresses(addrs));
    }

    @Test
    void addressesSkipNetworkGatewayBroadcastAndTakenOnes() {
        Ipv4Subnet subnet = Ipv4Subnet.parse("10.1.0.0/29");
        Ipv4Address gateway = Ipv4Address.parse("10.1.0.1");
        assertEquals("10.1.0.2", AddressAllocator.next(subnet, subnet, gateway, List.of()).orElseThrow().toString());
        assertEquals("10.1.0.4", AddressAllocator.next(subnet, subnet, gateway,
                List.of(Ipv4Address.parse("10.1.0.2"), Ipv4Address.parse("10.1.0.3"))).orElseThrow().toString());
        List<Ipv4Address> full = List.of("10.1.0.2", "10.1.0.3", "10.1.0.4", "10.1.0.5", "10.1.0.6").stream()
                .map(Ipv4Address::parse).toList();
        assertEquals(Optional.empty(), AddressAllocator.next(subnet, subnet, gateway, full));
        assertTrue(AddressAllocator.checkFixed(subnet, gateway, Ipv4Address.parse("10.2.0.2"), List.of()).isPresent());
        assertTrue(AddressAllocator.checkFixed(subnet, gateway, gateway, List.of()).isPresent());
        assertEquals(Optional.empty(), AddressAllocator.checkFixed(subnet, gateway, Ipv4Address.parse("10.1.0.6"), List.of()));
    }

    @Test
    void planningValidatesIpamConfig() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        String id = "0123456789abcdef".repeat(4);
        NetworkRecord planned = NetworkPlanner.plan(new NetworkSpec("demo_default", null, Map.of(), null, null, null, true, Map.of()),
                List.of(Ipv4Subnet.parse("172.17.0.0/16")), SubnetPool.dockerDefault(), id, now);
        assertEquals("bt-0123456789ab", planned.bridge());
        assertEquals(15, planned.bridge().length());
        assertEquals("172.18.0.0/16", planned.subnet());
        assertEquals("172.18.0.1", planned.gateway());
        assertTrue(planned.internal());
        assertThrows(RuntimeOperationException.class, () -> NetworkPlanner.plan(new NetworkSpec("x", null, null,
                "10.0.0.0/24", "10.0.1.0/25", null, false, null), List.of(), SubnetPool.dockerDefault(), id, now));
        assertThrows(RuntimeOperationException.class, () -> NetworkPlanner.plan(new NetworkSpec("x", null, null,
                "10.0.0.0/24", null, "10.0.1.1", false, null), List.of(), SubnetPool.dockerDefault(), id, now));
    }
}
