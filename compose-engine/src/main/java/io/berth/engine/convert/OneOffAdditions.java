package io.berth.engine.convert;

import io.berth.model.PortConfig;
import io.berth.model.ServiceVolume;
import io.berth.runtime.MountSpec;
import io.berth.runtime.PortBinding;
import java.util.List;
import java.util.function.UnaryOperator;

/** {@code run -p} and {@code run -v} as runtime ports and mounts, converted as a service's own are. */
public final class OneOffAdditions {
    private OneOffAdditions() {
    }

    public static List<PortBinding> ports(List<PortConfig> ports) {
        return SpecTemplate.ports(ports);
    }

    /** {@code volumeName}: a named volume's real name from the name given. */
    public static List<MountSpec> mounts(List<ServiceVolume> volumes, String serviceName, UnaryOperator<String> volumeName) {
        return volumes.stream().map(volume -> Mounts.of(volume, serviceName, volumeName)).toList();
    }
}
