package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library as Berth calls it: with {@link LibCProcess}, the one place that declares native
 * functions (JNA direct mapping, fast to bind). Functions that report
 * through errno declare {@code throws LastErrorException}; the wrappers in this package turn that
 * into a {@link LinuxException} naming the call and the path. The posix_spawn family returns its
 * error number instead. Nothing outside this package sees this class.
 */
final class LibC {
    static {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    static native int umask(int mask); // cannot fail

    // ---- namespaces, mounts, root ----------------------------------------------------------
    static native int unshare(int flags) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native int mount(String source, String target, String fstype, long flags, String data)
            throws LastErrorException;

    static native int umount2(String target, int flags) throws LastErrorException;

    static native int chdir(String path) throws LastErrorException;

    /** setresuid, setresgid and setgroups (per thread, not per process), bpf, pidfd_getfd: raw syscalls. */
    static native long syscall(long number, long first, long second, long third) throws LastErrorException;

    static native long syscall(long number, long first, Pointer second) throws LastErrorException;

    static native long syscall(long number, long first, Pointer second, long third) throws LastErrorException;

    // ---- credentials, capabilities, limits -------------------------------------------------
    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    static native int capget(Pointer header, Pointer data) throws LastErrorException;

    static native int capset(Pointer header, Pointer data) throws LastErrorException;

    // ---- processes --------------------------------------------------------------------------
    static native int sigemptyset(Pointer sigset);

    // ---- files ------------------------------------------------------------------------------
    static native int open(String path, int flags, int mode) throws LastErrorException;

    static native int openat(int dirFd, String path, int flags, int mode) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native long read(int fd, byte[] buffer, long count) throws LastErrorException;

    static native long write(int fd, byte[] buffer, long count) throws LastErrorException;

    static native long lseek(int fd, long offset, int whence) throws LastErrorException;

    static native int pipe2(int[] fds, int flags) throws LastErrorException;

    static native int fallocate(int fd, int mode, long offset, long length) throws LastErrorException;

    static native int sync_file_range(int fd, long offset, long length, int flags) throws LastErrorException;

    static native int memfd_create(String name, int flags) throws LastErrorException;

    /** fcntl with an int argument (F_ADD_SEALS). */
    static native int fcntl(int fd, int command, int argument) throws LastErrorException;

    static native int mkdirat(int dirFd, String path, int mode) throws LastErrorException;

    static native int fchmodat(int dirFd, String path, int mode, int flags) throws LastErrorException;

    static native long readlinkat(int dirFd, String path, byte[] buffer, long size) throws LastErrorException;

    /** struct statx has the same layout on every architecture, unlike struct stat. */
    static native int statx(int dirFd, String path, int flags, int mask, byte[] statx) throws LastErrorException;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int bind(int fd, byte[] address, int length) throws LastErrorException;

    static native int listen(int fd, int backlog) throws LastErrorException;

    static native int accept4(int fd, Pointer address, Pointer length, int flags) throws LastErrorException;

    static native long recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

    static native int getsockopt(int fd, int level, int name, byte[] value, int[] length) throws LastErrorException;

    static native int ioctl(int fd, long request, byte[] argument) throws LastErrorException;

    /** ioctl with an integer argument passed by value (TIOCGPTPEER's open flags). */
    static native int ioctl(int fd, long request, long argument) throws LastErrorException;

    static native int fchown(int fd, int uid, int gid) throws LastErrorException;

    // berth cp: writing a tree under a directory descriptor, never through a final symlink
    static native int symlinkat(String target, int dirFd, String path) throws LastErrorException;

    static native int unlinkat(int dirFd, String path, int flags) throws LastErrorException;

    static native int fchownat(int dirFd, String path, int uid, int gid, int flags) throws LastErrorException;

    static native int fchmod(int fd, int mode) throws LastErrorException;

    static native int utimensat(int dirFd, String path, long[] times, int flags) throws LastErrorException;

    static native String strerror(int errno);
}
