package io.berth.runtime.build;

import io.berth.runtime.RegistrySettings;
import io.berth.runtime.RuntimeConfig;

/**
 * Builds images from Dockerfiles on this host, into the same store as pulled images: the
 * runtime's counterpart of {@link io.berth.runtime.ImageService#pull}. Open one per state root
 * with {@link #open(RuntimeConfig)}; it is safe to use from several threads, and several
 * processes may build on one state root at once.
 */
public interface ImageBuilder {

    /**
     * The builder of a state root (its cache lives under {@code <stateRoot>/builder}), pulling
     * base images with the registry settings of this process's environment.
     */
    static ImageBuilder open(RuntimeConfig config) {
        return open(config, RegistrySettings.fromEnvironment(System.getenv()));
    }

    /**
     * As {@link #open(RuntimeConfig)}, pulling FROM, COPY --from and RUN --mount=from images with
     * {@code registries} (credentials, certs.d, insecure registries), as {@code berth pull} would.
     */
    static ImageBuilder open(RuntimeConfig config, RegistrySettings registries) {
        return io.berth.runtime.build.exec.KernelImageBuilder.open(config, registries);
    }

    /**
     * Builds the request's target and tags the result.
     *
     * @throws BuildException when the Dockerfile is wrong, a step fails or an input is missing;
     *     nothing half-made is left behind (no container, mount, cgroup, half-written image)
     */
    BuildResult build(BuildRequest request, BuildListener listener);

    /** Clears the build cache: cache records, cache mounts, layers only the cache kept. */
    BuildCachePrune prune();
}
