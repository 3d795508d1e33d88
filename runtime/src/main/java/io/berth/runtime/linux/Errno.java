package io.berth.runtime.linux;

import com.sun.jna.Native;

/** errno as people read it: "No such process (errno 3)". */
final class Errno {
    private Errno() {
    }

    interface StrError extends com.sun.jna.Library {
        String strerror(int errno);
    }

    private static final StrError LIB = Native.load("c", StrError.class);

    static String describe(int errno) {
        return LIB.strerror(errno) + " (errno " + errno + ")";
    }
}
