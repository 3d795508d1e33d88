package io.berth.runtime.copy;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.state.ContainerLayout;
import io.berth.runtime.state.ContainerRecord;
import io.berth.runtime.state.ContainerStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code berth cp} on the kernel: the container's side is its running root (/proc/PID/root, with
 * its volumes) or, when it does not run, its overlay and volumes mounted in a private mount namespace; the
 * host's side is "/". Copies into a container belong to its root user unless {@code archive}
 * keeps the source's owners; copies to the host belong to the caller unless {@code archive}.
 */
public final class ContainerCopies {
    private final RuntimeConfig config;

    public ContainerCopies(RuntimeConfig config) {
        this.config = config;
    }

    public List<String> toHost(ContainerInfo container, String sourcePath, String hostPath, boolean archive,
                               boolean followLink) {
        try (RootDirectory from = rootOf(container); RootDirectory host = RootDirectory.host()) {
            return TreeCopy.copy(from, absolute(sourcePath), followLink, host, hostPath,
                    archive ? Owners.KEEP : Owners.WRITER);
        }
    }

    public List<String> toContainer(String hostPath, ContainerInfo container, String destinationPath, boolean archive,
                                    boolean followLink) {
        try (RootDirectory host = RootDirectory.host(); RootDirectory to = rootOf(container)) {
            return TreeCopy.copy(host, hostPath, followLink, to, absolute(destinationPath),
                    archive ? Owners.KEEP : Owners.fixed(0, 0));
        }
    }

    public List<String> toArchive(ContainerInfo container, String sourcePath, boolean followLink, OutputStream out) {
        try (RootDirectory from = rootOf(container)) {
            return TreeCopy.toArchive(from, absolute(sourcePath), followLink, out);
        }
    }

    public List<String> fromArchive(InputStream in, ContainerInfo container, String destinationPath, boolean archive) {
        try (RootDirectory to = rootOf(container)) {
            return TreeCopy.fromArchive(in, to, absolute(destinationPath), archive ? Owners.KEEP : Owners.fixed(0, 0));
        }
    }

    private RootDirectory rootOf(ContainerInfo container) {
        if (container.state().isRunning() && container.pid() > 0) {
            return RootDirectory.running(container.pid(), container.name());
        }
        ContainerRecord record = new ContainerStore(new ContainerLayout(config)).load(container.id())
                .orElseThrow(() -> new RuntimeOperationException(Kind.NOT_FOUND, "no such container: " + container.name()));
        if (record.launch() == null) {
            throw new RuntimeOperationException(Kind.FAILED, "container " + container.name() + " has no root to copy from");
        }
        return StoppedRootfs.mount(record.launch(), container.name());
    }

    /** A container's paths are relative to its root, as docker cp takes them. */
    private static String absolute(String containerPath) {
        return containerPath.startsWith("/") ? containerPath : "/" + containerPath;
    }
}
