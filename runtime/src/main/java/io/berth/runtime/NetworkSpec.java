package io.berth.runtime;

import java.util.Map;

/**
 * A bridge network to create. {@code subnet} null: take the next free one from the pool.
 * {@code internal}: no route out and no NAT.
 */
public record NetworkSpec(String name, String driver, Map<String, String> labels, String subnet,
                          String ipRange, String gateway, boolean internal,
                          Map<String, String> driverOptions) {
    public NetworkSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        driverOptions = driverOptions == null ? Map.of() : Map.copyOf(driverOptions);
        driver = driver == null ? "bridge" : driver;
    }
}
