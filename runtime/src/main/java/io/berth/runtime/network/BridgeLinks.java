package io.berth.runtime.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Creates and deletes a network's Linux bridge with one {@code ip -batch -} call each. */
final class BridgeLinks {
    private BridgeLinks() {
    }

    static boolean exists(String interfaceName) {
        return Files.exists(Path.of("/sys/class/net", interfaceName));
    }

    static void create(NetworkRecord network) {
        Ipv4Subnet subnet = network.subnetPrefix();
        String bridge = network.bridge();
        String batch = "link add " + bridge + " type bridge\n"
                + "addr add " + network.gateway() + "/" + subnet.prefixLength() + " dev " + bridge + "\n"
                + "link set " + bridge + " up\n";
        HostCommand.run("create bridge " + bridge + " for network " + network.name(),
                List.of("ip", "-batch", "-"), batch);
    }

    /** A name Berth gives its interfaces (a damaged state file may hold any other). */
    static boolean isOurs(String interfaceName) {
        return interfaceName != null && interfaceName.matches("(vb|bt-|berth)[A-Za-z0-9-]{1,13}");
    }

    /** Deletes one of Berth's interfaces; any other name (from a damaged state file) is left alone. */
    static void delete(String interfaceName) {
        if (!isOurs(interfaceName)) {
            return;
        }
        if (exists(interfaceName)) {
            HostCommand.Result result = HostCommand.runForResult("delete interface " + interfaceName,
                    List.of("ip", "link", "del", interfaceName), null);
            if (!result.ok() && exists(interfaceName)) {
                HostCommand.run("delete interface " + interfaceName, List.of("ip", "link", "del", interfaceName), null);
            }
        }
    }
}
