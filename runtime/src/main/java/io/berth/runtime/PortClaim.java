package io.berth.runtime;

import java.util.List;

/**
 * The host ports a container about to be created or started will publish, checked beforehand by
 * {@link ContainerRuntime#checkPorts} so that a conflict names the service and the port before
 * anything exists.
 *
 * @param service   the service (or container) name conflicts are reported for
 * @param container the container's name, for "claimed twice" messages
 */
public record PortClaim(String service, String container, List<PortBinding> ports) {
    public PortClaim {
        ports = List.copyOf(ports);
    }
}
