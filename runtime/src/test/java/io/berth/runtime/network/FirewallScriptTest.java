package io.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.PortBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The iptables-restore scripts, checked as text. */
class FirewallScriptTest {
    static NetworkRecord network(boolean internal) {
        return new NetworkRecord("abcdef012345".repeat(5) + "abcd", "demo_default", "bridge", "bt-abcdef012345",
                "10.1.0.0/24", "10.1.0.0/24", "10.1.0.1", internal, Map.of(), Map.of(), "2026-01-01T00:00:00Z", Map.of());
    }

    @Test
    void everyRuleIsInTheNetworksOwnChains() {
        String script = NetworkFirewall.installScript(network(false));
        for (String line : script.split("\n")) {
            assertTrue(line.startsWith("*") || line.equals("COMMIT") || line.contains("BERTH-") , line);
        }
        assertTrue(script.contains("-I FORWARD -j BERTH-FWD-abcdef012345\n"));
        assertTrue(script.contains("-A BERTH-NAT-abcdef012345 -s 10.1.0.0/24 ! -o bt-abcdef012345 -j MASQUERADE\n"));
        assertTrue(script.contains("-A BERTH-FWD-abcdef012345 -i bt-abcdef012345 -o bt-+ -m conntrack ! --ctstate DNAT -j DROP\n"));
    }

    @Test
    void internalNetworksAreNeitherNatedNorForwardedOut() {
        String script = NetworkFirewall.installScript(network(true));
        assertFalse(script.contains("! -o bt-abcdef012345 -j MASQUERADE"));
        assertTrue(script.contains("-A BERTH-FWD-abcdef012345 -i bt-abcdef012345 -j DROP\n"));
        assertFalse(script.contains("-i bt-abcdef012345 -j ACCEPT"));
    }

    @Test
    void removalFindsJumpsAndChainsInTheSavedRules() {
        String filter = "*filter\n:FORWARD DROP [0:0]\n:BERTH-FWD-abcdef012345 - [0:0]\n:BERTH-FWD-999999999999 - [0:0]\n"
                + "-A FORWARD -j BERTH-FWD-999999999999\n-A FORWARD -j BERTH-FWD-abcdef012345\n"
                + "-A BERTH-FWD-abcdef012345 -i bt-abcdef012345 -j ACCEPT\nCOMMIT\n";
        String nat = "*nat\n:BERTH-DNAT-abcdef012345 - [0:0]\n"
                + "-A OUTPUT -m addrtype --dst-type LOCAL -j BERTH-DNAT-abcdef012345\nCOMMIT\n";
        String script = NetworkFirewall.removeScript(network(false), filter, nat);
        assertEquals("*filter\n-D FORWARD -j BERTH-FWD-abcdef012345\n-F BERTH-FWD-abcdef012345\n-X BERTH-FWD-abcdef012345\nCOMMIT\n"
                + "*nat\n-D OUTPUT -m addrtype --dst-type LOCAL -j BERTH-DNAT-abcdef012345\n"
                + "-F BERTH-DNAT-abcdef012345\n-X BERTH-DNAT-abcdef012345\nCOMMIT\n", script);
        assertEquals("", NetworkFirewall.removeScript(network(false), "*filter\nCOMMIT\n", "*nat\nCOMMIT\n"));
    }

    @Test
    void publishedPortRulesReadBackAsWritten() {
        ContainerId id = new ContainerId("0123456789ab".repeat(5) + "cdef");
        PortBinding binding = new PortBinding(80, "tcp", "127.0.0.1", 8080);
        String saved = "-A BERTH-DNAT-abcdef012345 -d 127.0.0.1/32 -p tcp -m tcp --dport 8080 -m comment --comment \"berth:0123456789ab:80\" -j DNAT --to-destination 10.1.0.2:80\n"
                + "-A BERTH-DNAT-abcdef012345 -p udp -m udp --dport 53 -m comment --comment \"berth:0123456789ab:53\" -j DNAT --to-destination 10.1.0.2:53\n";
        assertTrue(PublishedPortRules.ruleSpec(id, binding, "10.1.0.2").contains("--dport 8080 -m comment --comment berth:0123456789ab:80"));
        List<PublishedPortRules.Rule> rules = PublishedPortRules.all(saved);
        assertEquals(List.of(binding, new PortBinding(53, "udp", "", 53)), rules.stream().map(PublishedPortRules.Rule::binding).toList());
        assertEquals(2, PublishedPortRules.deletionsFor(id, saved).size());
        assertTrue(PublishedPortRules.deletionsFor(id, saved).get(0).startsWith("-D BERTH-DNAT-abcdef012345 -d 127.0.0.1/32"));
    }
}
