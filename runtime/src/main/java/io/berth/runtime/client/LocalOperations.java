package io.berth.runtime.client;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ExecSpec;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.ProcessEntry;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.VolumeInfo;
import io.berth.runtime.VolumeSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations the client runs in its own process, with file locks of their own: images,
 * networks, volumes, and exec/top (which must run with the caller's stdio). Every default says
 * it is not available, so a build without a part still compiles and reports clearly.
 */
public interface LocalOperations extends AutoCloseable {

    default Optional<ImageInfo> findImage(ImageReference reference) {
        throw missing("images");
    }

    default ImageInfo pullImage(ImageReference reference) {
        throw missing("images");
    }

    default List<ImageInfo> listImages() {
        throw missing("images");
    }

    default void removeImage(ImageReference reference, boolean force) {
        throw missing("images");
    }

    default void tagImage(ImageReference source, ImageReference target) {
        throw missing("images");
    }

    default void checkPorts(List<io.berth.runtime.PortClaim> claims, java.util.Set<io.berth.runtime.ContainerId> leaving) {
        throw missing("networks");
    }

    default NetworkInfo createNetwork(NetworkSpec spec) {
        throw missing("networks");
    }

    default void removeNetwork(String name) {
        throw missing("networks");
    }

    default Optional<NetworkInfo> inspectNetwork(String name) {
        throw missing("networks");
    }

    default List<NetworkInfo> listNetworks(Map<String, String> labelFilter) {
        throw missing("networks");
    }

    default VolumeInfo createVolume(VolumeSpec spec) {
        throw missing("volumes");
    }

    default void removeVolume(String name, boolean force) {
        throw missing("volumes");
    }

    default Optional<VolumeInfo> inspectVolume(String name) {
        throw missing("volumes");
    }

    default List<VolumeInfo> listVolumes(Map<String, String> labelFilter) {
        throw missing("volumes");
    }

    default int exec(ContainerInfo container, ExecSpec spec) {
        throw missing("exec");
    }

    default List<ProcessEntry> top(ContainerInfo container) {
        throw missing("top");
    }

    @Override
    default void close() {
    }

    private static RuntimeOperationException missing(String what) {
        return new RuntimeOperationException(Kind.FAILED, what + " are not available in this build of Berth");
    }
}
