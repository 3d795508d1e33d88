package io.berth.model;

import java.util.List;
import java.util.Map;

/** A top-level network. {@code name} is the actual name, e.g. {@code myproject_default}. */
public record NetworkConfig(
        String name,
        String driver,
        Map<String, String> driverOpts,
        Ipam ipam,
        boolean external,
        boolean internal,
        boolean attachable,
        Boolean enableIpv6,
        Map<String, String> labels,
        Map<String, Object> extensions) {

    /** IP address management of a network. */
    public record Ipam(String driver, List<IpamPool> config, Map<String, String> options) {
    }

    /** One address pool of a network. */
    public record IpamPool(String subnet, String gateway, String ipRange, Map<String, String> auxAddresses) {
    }
}
