package io.berth.runtime.supervisor;

import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.container.ContainerLauncher;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.container.LaunchedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                () -> new ContainerLauncher() {
                    @Override
                    public LaunchedProcess launch(LaunchRequest request) {
                        throw new RuntimeOperationException(Kind.FAILED,
                                "no container launcher in this build");
                    }

                    @Override
                    public void cleanup(LaunchRequest request) {
                    }
                });
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
        return instantiate("berth.supervisor.volumes", VolumeAccess.class, config, () -> name -> {
            Path data = config.stateRoot().resolve("volumes").resolve(name).resolve("_data");
            try {
                Files.createDirectories(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return data;
        });
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
