package io.berth.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated Compose project. Maps iterate in name order. {@code services} holds the
 * services enabled by the active profiles; {@code disabledServices} the others (needed to tell
 * orphans from services that are merely switched off).
 */
public record Project(
        String name,
        Path workingDir,
        List<Path> composeFiles,
        Map<String, Service> services,
        Map<String, Service> disabledServices,
        Map<String, NetworkConfig> networks,
        Map<String, VolumeConfig> volumes,
        Map<String, FileObjectConfig> secrets,
        Map<String, FileObjectConfig> configs,
        List<String> activeProfiles,
        /** The variables interpolation used: process environment over the env files. */
        Map<String, String> environment,
        Map<String, Object> extensions) {

    public Service service(String serviceName) {
        Service service = services.get(serviceName);
        if (service == null) {
            throw new IllegalArgumentException("no such service: " + serviceName + " (defined: "
                    + String.join(", ", services.keySet()) + ")");
        }
        return service;
    }
}
