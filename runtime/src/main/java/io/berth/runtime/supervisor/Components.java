package io.berth.runtime.supervisor;

import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.container.ContainerLauncher;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.launch.ImageAccess;
import io.berth.runtime.launch.NetworkAccess;
import io.berth.runtime.launch.VolumeAccess;
import java.util.function.Supplier;

/**
 * Builds the supervisor's collaborators. Each may be replaced by a class named in a system
 * property (tests run the supervisor with a plain-process launcher and a directory image):
 * {@code berth.supervisor.launcher}, {@code .images}, {@code .networks}, {@code .volumes}; the
 * class needs a public constructor taking a {@link RuntimeConfig}, or none.
 */
final class Components {
    private Components() {
    }

    static ContainerLauncher launcher(RuntimeConfig config) {
        return instantiate("berth.supervisor.launcher", ContainerLauncher.class, config,
                KernelContainerLauncher::new);
    }

    /** Healthchecks exec in the container; a launcher may bring its own probe (tests). */
    static HealthProbe healthProbe(ContainerLauncher launcher) {
        if (launcher instanceof HealthProbe probe) {
            return probe;
        }
        if (launcher instanceof KernelContainerLauncher kernel) {
            return HealthProbe.exec(kernel);
        }
        return null;
    }

    static ImageAccess images(RuntimeConfig config) {
        return instantiate("berth.supervisor.images", ImageAccess.class, config,
                () -> new ImageServiceAccess(config));
    }

    static NetworkAccess networks(RuntimeConfig config) {
        return instantiate("berth.supervisor.networks", NetworkAccess.class, config,
                () -> new NetworkManagerAccess(config));
    }

    static VolumeAccess volumes(RuntimeConfig config) {
        return instantiate("berth.supervisor.volumes", VolumeAccess.class, config,
                () -> new VolumeStoreAccess(config));
    }

    private static <T> T instantiate(String property, Class<T> type, RuntimeConfig config, Supplier<T> fallback) {
        String className = System.getProperty(property);
        if (className == null || className.isEmpty()) {
            return fallback.get();
        }
        try {
            Class<?> implementation = Class.forName(className);
            try {
                return type.cast(implementation.getConstructor(RuntimeConfig.class).newInstance(config));
            } catch (NoSuchMethodException e) {
                return type.cast(implementation.getConstructor().newInstance());
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(property + "=" + className + ": " + e, e);
        }
    }
}
