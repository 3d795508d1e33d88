package io.berth.runtime.linux;

import java.util.List;

/**
 * Loads every class of this layer at once. A thread that has entered a container's mount
 * namespace (exec), or a process after pivot_root (the init stage), resolves paths in the
 * container: a class loaded lazily from a class-path directory would then not be found.
 */
public final class LinuxLayer {
    private static final List<String> CLASSES = List.of("LibC", "Syscalls", "LinuxException", "ErrnoNames",
            "FdCalls", "PathCalls", "SecureJoin", "SecureJoin$Create", "Mounts", "Namespaces", "ProcessCalls",
            "ProcessCalls$FdAction", "ProcessCalls$FdAction$Kind", "ProcessCalls$SpawnOptions",
            "ProcessCalls$ExitStatus", "SystemCalls", "ThreadCredentials", "Capabilities");
    private static final List<String> JNA = List.of("com.sun.jna.LastErrorException", "com.sun.jna.StringArray",
            "com.sun.jna.Memory", "com.sun.jna.Pointer", "com.sun.jna.NativeString");

    private LinuxLayer() {
    }

    public static void loadAll() {
        ClassLoader loader = LinuxLayer.class.getClassLoader();
        try {
            for (String name : CLASSES) {
                Class.forName(LinuxLayer.class.getPackageName() + "." + name, true, loader);
            }
            for (String name : JNA) {
                Class.forName(name, true, loader);
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the runtime's own classes are incomplete: " + e.getMessage(), e);
        }
    }
}
