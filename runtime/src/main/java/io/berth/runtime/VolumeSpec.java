package io.berth.runtime;

import java.util.Map;

/** A named volume; driverOptions as Docker's local driver: "type", "device", "o". */
public record VolumeSpec(String name, String driver, Map<String, String> labels,
                         Map<String, String> driverOptions) {
    public VolumeSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        driverOptions = driverOptions == null ? Map.of() : Map.copyOf(driverOptions);
        driver = driver == null ? "local" : driver;
    }
}
