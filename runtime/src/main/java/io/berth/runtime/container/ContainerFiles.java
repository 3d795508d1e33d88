package io.berth.runtime.container;

import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.SecureJoin;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads files of a running container from the host through /proc/PID/root, resolved inside that
 * root: a symlinked /etc/passwd cannot make Berth read the host's files.
 */
public final class ContainerFiles {
    private static final int MAX_BYTES = 4 << 20;

    private ContainerFiles() {
    }

    public static Optional<String> read(long containerPid, String path) {
        int root = FdCalls.open("/proc/" + containerPid + "/root", FdCalls.O_PATH | FdCalls.O_DIRECTORY, 0);
        try {
            return SecureJoin.readFile(root, path, MAX_BYTES).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        } finally {
            FdCalls.closeQuietly(root);
        }
    }

    /** A user spec resolved against the running container's /etc/passwd and /etc/group. */
    public static UserResolver.ResolvedUser resolveUser(long containerPid, String spec) {
        return UserResolver.resolve(spec, read(containerPid, "/etc/passwd").orElse(""),
                read(containerPid, "/etc/group").orElse(""));
    }
}
