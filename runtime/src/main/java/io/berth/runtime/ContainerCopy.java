package io.berth.runtime;

import io.berth.runtime.copy.ContainerCopies;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cp} between a container and the host, or a tar stream, in the caller's process (it needs
 * the caller's files and stdio), by Docker's path rules. Every path of the container is resolved
 * inside its root: a symlink in the container never leads a copy to the host's files. Running and
 * stopped containers are copied with their volumes and bound directories. Each method
 * returns warnings (entries that were skipped: devices, FIFOs, sockets).
 *
 * @see io.berth.runtime.copy.CopyRules
 */
public final class ContainerCopy {
    private final ContainerCopies copies;

    ContainerCopy(RuntimeConfig config) {
        this.copies = new ContainerCopies(config);
    }

    /** {@code archive}: keep the owners (cp -a); {@code followLink}: copy what a source symlink names (cp -L). */
    public List<String> toHost(ContainerInfo container, String sourcePath, String hostPath, boolean archive,
                               boolean followLink) {
        return copies.toHost(container, sourcePath, absolute(hostPath), archive, followLink);
    }

    public List<String> toContainer(String hostPath, ContainerInfo container, String destinationPath, boolean archive,
                                    boolean followLink) {
        return copies.toContainer(absolute(hostPath), container, destinationPath, archive, followLink);
    }

    /** The source as a tar stream on {@code out} (cp SERVICE:SRC -). */
    public List<String> toArchive(ContainerInfo container, String sourcePath, boolean followLink, OutputStream out) {
        return copies.toArchive(container, sourcePath, followLink, out);
    }

    /** A tar stream extracted into a directory of the container (cp - SERVICE:DIR). */
    public List<String> fromArchive(InputStream in, ContainerInfo container, String destinationPath, boolean archive) {
        return copies.fromArchive(in, container, destinationPath, archive);
    }

    /** A host path as typed, made absolute against the working directory, its trailing "/" or "/." kept. */
    static String absolute(String hostPath) {
        if (hostPath.startsWith("/")) {
            return hostPath;
        }
        String base = Path.of("").toAbsolutePath().toString();
        return hostPath.equals(".") ? base + "/." : base + "/" + hostPath;
    }
}
