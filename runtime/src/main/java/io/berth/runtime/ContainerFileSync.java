package io.berth.runtime;

import io.berth.runtime.container.ContainerFiles;
import io.berth.runtime.container.RootFileWriter;
import io.berth.runtime.container.UserResolver;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies host files into a running container and deletes them there ({@code develop.watch}'s sync,
 * docs/watch.md), in the caller's process, resolved inside the container's root: no symlink of the
 * container leads a write or a delete outside it. What it creates belongs to the container's user
 * (as Docker's copy with its UID/GID option does), with the host file's mode. One instance per watch.
 */
public final class ContainerFileSync {
    /** The owner of each container's copies, by container id and PID 1 (a restart resolves it again). */
    private final Map<String, UserResolver.ResolvedUser> owners = new ConcurrentHashMap<>();

    /** A host path and where it is in the container (absolute). */
    public record Mapping(Path hostPath, String containerPath) {
    }

    /**
     * Brings each mapping's container path to the host path's state: copied (a directory with all
     * in it) when the host path exists, deleted when it does not.
     *
     * @throws RuntimeOperationException the container is not running, or a copy failed
     */
    public void sync(ContainerInfo container, List<Mapping> mappings) {
        if (container.state() != ContainerState.RUNNING || container.pid() <= 0) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.CONFLICT,
                    "container " + container.name() + " is not running");
        }
        // Resolved once per run of the container, not per batch: two reads of its files saved on every save.
        UserResolver.ResolvedUser user = owners.computeIfAbsent(container.id() + "/" + container.pid(),
                key -> ContainerFiles.resolveUser(container.pid(), container.spec().user()));
        try (RootFileWriter writer = RootFileWriter.open(container.pid(), user.uid(), user.gid())) {
            for (Mapping mapping : mappings) {
                if (Files.exists(mapping.hostPath(), LinkOption.NOFOLLOW_LINKS)) {
                    writer.copy(mapping.hostPath(), mapping.containerPath());
                } else {
                    writer.delete(mapping.containerPath());
                }
            }
        } catch (RuntimeException failure) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "sync into " + container.name() + ": " + failure.getMessage(), failure);
        }
    }
}
