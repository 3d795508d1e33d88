package io.berth.runtime.network;

import io.berth.runtime.state.StateLock;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's netfilter rules, applied with {@code iptables-restore --noflush -w} (one call per
 * change, atomic per table). Every rule lives in chains named for the network
 * ({@code BERTH-FWD-<id12>} in filter/FORWARD, {@code BERTH-NAT-<id12>} in nat/POSTROUTING,
 * {@code BERTH-DNAT-<id12>} in nat/PREROUTING and nat/OUTPUT), so removing the network removes
 * every rule it ever had. The FORWARD jump is inserted first and ACCEPTs explicitly, so the
 * rules work whatever FORWARD's policy is (dockerd sets it to DROP).
 *
 * <p>Per network: traffic within the bridge is accepted; traffic to another Berth bridge
 * ({@code bt-+}) is dropped unless it was DNATed to a published port (Docker's isolation);
 * an {@code internal} network forwards nothing else; other networks are masqueraded out and
 * accept replies and DNATed (published-port) traffic in. Loopback-sourced traffic to the bridge
 * (127.0.0.1 published ports, with {@code route_localnet=1}) is masqueraded, as Docker does
 * without its userland proxy.
 */
public final class NetworkFirewall {
    private NetworkFirewall() {
    }

    public static String forwardChain(NetworkRecord network) {
        return "BERTH-FWD-" + suffix(network);
    }

    public static String natChain(NetworkRecord network) {
        return "BERTH-NAT-" + suffix(network);
    }

    public static String dnatChain(NetworkRecord network) {
        return "BERTH-DNAT-" + suffix(network);
    }

    private static String suffix(NetworkRecord network) {
        return network.bridge().substring(network.bridge().indexOf('-') + 1);
    }

    /** The iptables-restore input that creates the network's chains, rules and jumps. */
    static String installScript(NetworkRecord network) {
        String bridge = network.bridge();
        String subnet = network.subnet();
        String forward = forwardChain(network);
        String nat = natChain(network);
        String dnat = dnatChain(network);
        List<String> lines = new ArrayList<>();
        lines.add("*filter");
        lines.add(":" + forward + " - [0:0]");
        lines.add("-I FORWARD -j " + forward);
        lines.add("-A " + forward + " -i " + bridge + " -o " + bridge + " -j ACCEPT");
        if (!network.internal()) {
            lines.add("-A " + forward + " -o " + bridge + " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
            lines.add("-A " + forward + " -o " + bridge + " -m conntrack --ctstate DNAT -j ACCEPT");
        }
        lines.add("-A " + forward + " -i " + bridge + " -o bt-+ -m conntrack ! --ctstate DNAT -j DROP");
        lines.add("-A " + forward + " -i " + bridge + " -j " + (network.internal() ? "DROP" : "ACCEPT"));
        lines.add("-A " + forward + " -o " + bridge + " -j DROP");
        lines.add("COMMIT");
        lines.add("*nat");
        lines.add(":" + nat + " - [0:0]");
        lines.add(":" + dnat + " - [0:0]");
        lines.add("-I POSTROUTING -j " + nat);
        if (!network.internal()) {
            lines.add("-A " + nat + " -s " + subnet + " ! -o " + bridge + " -j MASQUERADE");
        }
        lines.add("-A " + nat + " -s 127.0.0.0/8 -o " + bridge + " -j MASQUERADE");
        // Hairpin: a container reaching a published port of its own network via a host address.
        lines.add("-A " + nat + " -s " + subnet + " -o " + bridge + " -m conntrack --ctstate DNAT -j MASQUERADE");
        lines.add("-I PREROUTING -m addrtype --dst-type LOCAL -j " + dnat);
        lines.add("-I OUTPUT -m addrtype --dst-type LOCAL -j " + dnat);
        lines.add("COMMIT");
        return String.join("\n", lines) + "\n";
    }

    /**
     * The iptables-restore input that removes every jump to, and every rule in, the network's
     * chains, found in the current {@code iptables-save} output (so leftovers of a crashed run
     * go too). Empty when nothing of the network is installed.
     */
    static String removeScript(NetworkRecord network, String filterSave, String natSave) {
        StringBuilder script = new StringBuilder();
        appendRemoval(script, "filter", filterSave, List.of(forwardChain(network)));
        appendRemoval(script, "nat", natSave, List.of(natChain(network), dnatChain(network)));
        return script.toString();
    }

    private static void appendRemoval(StringBuilder script, String table, String save, List<String> chains) {
        List<String> lines = new ArrayList<>();
        for (String line : save.split("\n")) {
            for (String chain : chains) {
                if (line.startsWith("-A ") && line.endsWith(" -j " + chain) && !line.startsWith("-A " + chain + " ")) {
                    lines.add("-D " + line.substring(3));
                }
            }
        }
        for (String chain : chains) {
            if (save.contains("\n:" + chain + " ") || save.startsWith(":" + chain + " ")) {
                lines.add("-F " + chain);
                lines.add("-X " + chain);
            }
        }
        if (!lines.isEmpty()) {
            script.append('*').append(table).append('\n');
            lines.forEach(line -> script.append(line).append('\n'));
            script.append("COMMIT\n");
        }
    }

    public static boolean isInstalled(NetworkRecord network) {
        return save("filter").contains(":" + forwardChain(network) + " ")
                && save("nat").contains(":" + dnatChain(network) + " ");
    }

    /** Installs the rules (first removing any earlier copy) and the sysctls they rely on. */
    public static void install(NetworkRecord network) {
        StateLock.run(NetworkManager.HOST_LOCK, () -> {
            remove(network);
            if (!network.internal()) {
                Sysctl.write("net/ipv4/ip_forward", "1");
            }
            Sysctl.write("net/ipv4/conf/" + network.bridge() + "/route_localnet", "1");
            restore("install the rules of network " + network.name(), installScript(network));
        });
    }

    public static void remove(NetworkRecord network) {
        StateLock.run(NetworkManager.HOST_LOCK, () -> {
            String script = removeScript(network, save("filter"), save("nat"));
            if (!script.isEmpty()) {
                restore("remove the rules of network " + network.name(), script);
            }
        });
    }

    static String save(String table) {
        return HostCommand.run("read the " + table + " rules", List.of("iptables-save", "-t", table), null);
    }

    static void restore(String attempt, String script) {
        HostCommand.run(attempt, List.of("iptables-restore", "-w", "10", "--noflush"), script);
    }
}
