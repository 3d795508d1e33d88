package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library's process and terminal functions (spawn, wait, signal, poll, termios), apart from
 * {@link LibC} (split when the container init stage was a JVM that bound only what it called).
 */
final class LibCProcess {
    static {
        Native.register(LibCProcess.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibCProcess() {
    }

    static native int kill(int pid, int signal) throws LastErrorException;

    static native int waitpid(int pid, int[] status, int options) throws LastErrorException;

    static native int pidfd_open(int pid, int flags) throws LastErrorException;

    static native int pidfd_send_signal(int pidfd, int signal, Pointer info, int flags) throws LastErrorException;

    /** struct pollfd as int[2] per fd: {fd, events | revents << 16} (little-endian). */
    static native int poll(int[] fds, long count, int timeoutMillis) throws LastErrorException;

    static native int posix_spawn(int[] pid, String path, Pointer fileActions, Pointer attributes,
                                  Pointer argv, Pointer envp);

    static native int posix_spawn_file_actions_init(Pointer fileActions);

    static native int posix_spawn_file_actions_destroy(Pointer fileActions);

    static native int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    static native int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags,
                                                       int mode);

    static native int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    static native int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    /** glibc 2.34+: the child closes every descriptor from {@code from} up. */
    static native int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    static native int posix_spawnattr_init(Pointer attributes);

    static native int posix_spawnattr_destroy(Pointer attributes);

    static native int posix_spawnattr_setflags(Pointer attributes, short flags);

    static native int posix_spawnattr_setsigmask(Pointer attributes, Pointer sigset);

    static native int posix_spawnattr_setsigdefault(Pointer attributes, Pointer sigset);

    static native int sigfillset(Pointer sigset);

    // ---- terminals (the CLI's, for exec and attach; never the init stage's) -------------------
    static native int isatty(int fd);

    /** struct termios as bytes (60 on Linux, glibc's own layout). */
    static native int tcgetattr(int fd, byte[] termios) throws LastErrorException;

    static native int tcsetattr(int fd, int when, byte[] termios) throws LastErrorException;

    static native void cfmakeraw(byte[] termios);
}
