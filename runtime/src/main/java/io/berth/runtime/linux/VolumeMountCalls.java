package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.berth.runtime.RuntimeOperationException;
import java.nio.file.Path;

/**
 * mount(2) and umount2(2) for volumes of the local driver with {@code driver_opts}
 * (type/device/o), mounted on the host at the volume's {@code _data} while a container uses it,
 * as Docker's local driver does. errno becomes an exception naming the call and the paths.
 */
public final class VolumeMountCalls {
    public static final long MS_RDONLY = 1;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final int MNT_DETACH = 2;

    private interface C extends Library {
        int mount(String source, String target, String fstype, long flags, String data) throws LastErrorException;

        int umount2(String target, int flags) throws LastErrorException;

        String strerror(int errnum);
    }

    private static final C LIBC = Native.load("c", C.class);

    private VolumeMountCalls() {
    }

    public static void mount(String source, Path target, String fstype, long flags, String data) {
        try {
            LIBC.mount(source, target.toString(), fstype, flags, data == null || data.isEmpty() ? null : data);
        } catch (LastErrorException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "mount(" + source + ", " + target + ", type " + fstype + "): " + LIBC.strerror(e.getErrorCode()), e);
        }
    }

    public static void unmount(Path target, int flags) {
        try {
            LIBC.umount2(target.toString(), flags);
        } catch (LastErrorException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "umount2(" + target + "): " + LIBC.strerror(e.getErrorCode()), e);
        }
    }
}
