package io.berth.runtime.linux;

import java.util.List;

/**
 * Loads every class of this layer at once. A thread that has entered a container's mount
 * namespace (exec) resolves paths in the container: a class loaded lazily from a class-path
 * directory would then not be found.
 */
public final class LinuxLayer {
    private static final List<String> CALL_CLASSES = List.of("LibC", "Syscalls", "LinuxException",
            "ErrnoNames", "FdCalls", "PathCalls", "SecureJoin", "SecureJoin$Create", "Mounts", "Namespaces",
            "ThreadCredentials", "Capabilities");
    private static final List<String> PROCESS_CLASSES = List.of("LibCProcess", "ProcessCalls",
            "ProcessCalls$FdAction", "ProcessCalls$FdAction$Kind", "ProcessCalls$SpawnOptions",
            "ProcessCalls$ExitStatus", "Terminals", "Terminals$Pty", "Terminals$WindowSize");
    private static final List<String> JNA = List.of("com.sun.jna.LastErrorException", "com.sun.jna.StringArray",
            "com.sun.jna.Memory", "com.sun.jna.Pointer", "com.sun.jna.NativeString");

    private LinuxLayer() {
    }

    public static void loadAll() {
        load(CALL_CLASSES);
        load(PROCESS_CLASSES);
    }

    private static void load(List<String> classes) {
        ClassLoader loader = LinuxLayer.class.getClassLoader();
        try {
            for (String name : classes) {
                Class.forName("io.berth.runtime.linux." + name, true, loader);
            }
            for (String name : JNA) {
                Class.forName(name, true, loader);
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the runtime's own classes are incomplete: " + e.getMessage(), e);
        }
    }
}
