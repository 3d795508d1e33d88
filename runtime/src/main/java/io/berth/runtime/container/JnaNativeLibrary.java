package io.berth.runtime.container;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * JNA's native part (libjnidispatch.so), unpacked once into a directory shared by every init stage:
 * otherwise each container start would copy it out of the jar again.
 */
final class JnaNativeLibrary {
    private static volatile String directory;

    private JnaNativeLibrary() {
    }

    /**
     * The directory holding libjnidispatch.so, or null to let JNA unpack it itself. Checked on
     * every call: something may clean the temporary directory while Berth runs.
     */
    static String directory() {
        String known = directory;
        if (known != null && !known.isEmpty() && !Files.isRegularFile(Path.of(known, "libjnidispatch.so"))) {
            directory = null;
        }
        if (directory == null) {
            synchronized (JnaNativeLibrary.class) {
                if (directory == null) {
                    directory = unpack();
                }
            }
        }
        return directory.isEmpty() ? null : directory;
    }

    /** Someone else's file in /tmp could be a planted library: only ours, writable by us alone. */
    private static boolean ownedByUs(Path path) throws IOException {
        Object ours = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        int mode = (Integer) Files.getAttribute(path, "unix:mode");
        return ours.equals(Files.getAttribute(path, "unix:uid")) && (mode & 0022) == 0;
    }

    private static String unpack() {
        String resource = "/com/sun/jna/" + Platform.RESOURCE_PREFIX + "/libjnidispatch.so";
        Path target = Path.of(System.getProperty("java.io.tmpdir"),
                "jna-berth-" + Native.VERSION_NATIVE + "-" + Platform.RESOURCE_PREFIX);
        Path library = target.resolve("libjnidispatch.so");
        try (InputStream in = Native.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "";
            }
            if (Files.isRegularFile(library)) {
                return ownedByUs(target) && ownedByUs(library) ? target.toString() : "";
            }
            Files.createDirectories(target);
            if (!ownedByUs(target)) {
                return "";
            }
            Path temporary = Files.createTempFile(target, "libjnidispatch", ".tmp");
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
