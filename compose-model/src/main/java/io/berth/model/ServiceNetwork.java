package io.berth.model;

import java.util.List;
import java.util.Map;

/** How a service joins one network (a value of {@code services.x.networks}); fields may be null. */
public record ServiceNetwork(
        List<String> aliases,
        String ipv4Address,
        String ipv6Address,
        List<String> linkLocalIps,
        String macAddress,
        Integer priority,
        Map<String, String> driverOpts) {

    public static final ServiceNetwork DEFAULT = new ServiceNetwork(List.of(), null, null, List.of(), null, null, Map.of());
}
