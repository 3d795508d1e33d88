package io.berth.runtime.linux;

/** The symbolic names of the errno values Linux uses (asm-generic numbering, x86 and arm alike). */
public final class ErrnoNames {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;

    private static final String[] NAMES = {
        "0", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD",
        "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",
        "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC",
        "ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK",
        "ENOSYS", "ENOTEMPTY", "ELOOP",
    };

    private ErrnoNames() {
    }

    public static String name(int errno) {
        if (errno >= 0 && errno < NAMES.length) {
            return NAMES[errno];
        }
        return switch (errno) {
            case 95 -> "EOPNOTSUPP";
            case 110 -> "ETIMEDOUT";
            case 61 -> "ENODATA";
            default -> "errno " + errno;
        };
    }
}
