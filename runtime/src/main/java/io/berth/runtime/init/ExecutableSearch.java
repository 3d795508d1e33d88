package io.berth.runtime.init;

import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.PathCalls;
import io.berth.runtime.linux.SecureJoin;
import java.util.List;

/** argv[0] looked up in the container's PATH, inside its root, as Docker's runtime does. */
public final class ExecutableSearch {
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ExecutableSearch() {
    }

    /** A path to execve: {@code command} itself when it has a slash, else the first match in PATH. */
    public static String resolve(int rootFd, String command, List<String> env) {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("no command: the image has no ENTRYPOINT or CMD and none was given");
        }
        if (command.contains("/")) {
            return command;
        }
        String path = DEFAULT_PATH;
        for (String entry : env) {
            if (entry.startsWith("PATH=")) {
                path = entry.substring(5);
            }
        }
        for (String directory : path.split(":")) {
            String candidate = (directory.isEmpty() ? "." : directory) + "/" + command;
            if (isExecutableFile(rootFd, candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("exec: \"" + command + "\": executable file not found in $PATH");
    }

    private static boolean isExecutableFile(int rootFd, String candidate) {
        int fd;
        try {
            fd = SecureJoin.open(rootFd, candidate, SecureJoin.Create.NOTHING);
        } catch (LinuxException notThere) {
            return false;
        }
        try {
            int mode = PathCalls.mode(fd, candidate);
            return (mode & PathCalls.S_IFMT) == PathCalls.S_IFREG && (mode & 0111) != 0;
        } finally {
            FdCalls.closeQuietly(fd);
        }
    }
}
