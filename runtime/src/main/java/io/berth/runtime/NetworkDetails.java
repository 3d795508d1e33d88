package io.berth.runtime;

import java.util.Map;

/**
 * A network as its state file records it, for {@code network inspect}: {@link NetworkInfo} plus
 * the IP range, driver options and every endpoint (keyed by container id).
 */
public record NetworkDetails(String id, String name, String driver, String bridge, String subnet,
                             int prefixLength, String ipRange, String gateway, boolean internal,
                             Map<String, String> labels, Map<String, String> driverOptions, String createdAt,
                             Map<String, Endpoint> endpoints) {

    /** One container on the network and its address. */
    public record Endpoint(String containerName, String address) {
    }
}
