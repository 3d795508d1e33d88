package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service's fixed {@code ipv4_address} on a network whose IPAM subnets the file gives must lie in
 * one of them: Docker refuses it when it connects the container, after the network exists.
 */
final class AddressCheck {
    private AddressCheck() {
    }

    static void check(Map<String, Object> service, ComposePath at, Map<String, Object> networks, Problems problems) {
        if (!(service.get("networks") instanceof Map<?, ?> attached)) {
            return;
        }
        Values.map(attached).forEach((name, settings) -> {
            if (settings instanceof Map<?, ?> fields && fields.get("ipv4_address") instanceof String address
                    && networks.get(name) instanceof Map<?, ?> network) {
                List<String> subnets = subnets(network);
                Long value = ipv4(address);
                if (value != null && !subnets.isEmpty() && subnets.stream().noneMatch(subnet -> contains(subnet, value))) {
                    problems.add(at.key("networks").key(name).key("ipv4_address"), "address " + address
                            + " is not in the network's subnets (" + String.join(", ", subnets) + ")");
                }
            }
        });
    }

    /** The network's IPv4 subnets that parse; none when one does not (the runtime says why). */
    private static List<String> subnets(Map<?, ?> network) {
        List<String> subnets = new ArrayList<>();
        if (network.get("ipam") instanceof Map<?, ?> ipam && ipam.get("config") instanceof List<?> configs) {
            for (Object config : configs) {
                if (config instanceof Map<?, ?> entry && entry.get("subnet") instanceof String subnet && subnet.contains(".")) {
                    if (prefix(subnet) == null) {
                        return List.of();
                    }
                    subnets.add(subnet);
                }
            }
        }
        return subnets;
    }

    private static boolean contains(String subnet, long address) {
        int[] prefix = prefix(subnet);
        long base = ipv4(subnet.substring(0, subnet.indexOf('/')));
        long mask = prefix[0] == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix[0])) & 0xFFFFFFFFL;
        return (base & mask) == (address & mask);
    }

    private static int[] prefix(String subnet) {
        int slash = subnet.indexOf('/');
        if (slash < 0 || ipv4(subnet.substring(0, slash)) == null) {
            return null;
        }
        try {
            int length = Integer.parseInt(subnet.substring(slash + 1));
            return length < 0 || length > 32 ? null : new int[] {length};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long value = 0;
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return null;
            }
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }
}
