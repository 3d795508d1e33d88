package io.berth.runtime.copy;

import io.berth.runtime.linux.FdCalls;

/**
 * A directory regarded as "/" for the paths of one side of a copy: a container's root, or the
 * host's own. Every path of that side is resolved inside it ({@link io.berth.runtime.linux.SecureJoin}).
 */
interface RootDirectory extends AutoCloseable {
    /** An O_PATH descriptor of the root. */
    int fd();

    /** Whose root it is, for messages: "container web-1", "the host". */
    String shown();

    @Override
    void close();

    /** The host's "/": resolution inside it is the kernel's own. */
    static RootDirectory host() {
        return opened("/", "the host");
    }

    /** A running container's root, with its mounts (volumes too), through /proc/PID/root. */
    static RootDirectory running(long pid, String containerName) {
        return opened("/proc/" + pid + "/root", "container " + containerName);
    }

    private static RootDirectory opened(String path, String shown) {
        int fd = FdCalls.open(path, FdCalls.O_PATH | FdCalls.O_DIRECTORY, 0);
        return new RootDirectory() {
            @Override
            public int fd() {
                return fd;
            }

            @Override
            public String shown() {
                return shown;
            }

            @Override
            public void close() {
                FdCalls.closeQuietly(fd);
            }
        };
    }
}
