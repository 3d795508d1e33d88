package io.berth.runtime;

import java.util.List;

/**
 * One network a container joins: the network's name, the extra names it has there (service
 * name, aliases; the container name is always added), and an optional fixed IPv4 address.
 */
public record NetworkAttachment(String network, List<String> aliases, String ipv4Address,
                                String macAddress, Integer priority) {
    public NetworkAttachment {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
