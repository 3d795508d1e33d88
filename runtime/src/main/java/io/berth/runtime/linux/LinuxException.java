package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;

/**
 * A system call that failed, as people read it: {@code mount /var/lib/berth/x/rootfs: No such file
 * or directory (ENOENT)}. Carries the call, the path (or other subject) and errno.
 */
public class LinuxException extends RuntimeException {
    private final String call;
    private final String subject;
    private final int errno;

    public LinuxException(String call, String subject, int errno) {
        super(call + (subject == null || subject.isEmpty() ? "" : " " + subject) + ": " + describe(errno));
        this.call = call;
        this.subject = subject;
        this.errno = errno;
    }

    static LinuxException of(String call, String subject, LastErrorException cause) {
        LinuxException exception = new LinuxException(call, subject, cause.getErrorCode());
        exception.initCause(cause);
        return exception;
    }

    /** "No such file or directory (ENOENT)". */
    public static String describe(int errno) {
        String text;
        try {
            text = LibC.strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            text = "error " + errno;
        }
        return text + " (" + ErrnoNames.name(errno) + ")";
    }

    public String call() {
        return call;
    }

    public String subject() {
        return subject;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return ErrnoNames.name(errno);
    }
}
