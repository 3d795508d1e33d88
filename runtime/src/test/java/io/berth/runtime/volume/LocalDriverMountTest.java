package io.berth.runtime.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.VolumeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * driver_opts device volumes are mounted while used. Runs on a throwaway thread in its own mount
 * namespace (unshare(CLONE_NEWNS), everything made private) so no mount ever reaches the host.
 */
@Tag("root")
class LocalDriverMountTest {
    private interface Unshare extends Library {
        int unshare(int flags) throws LastErrorException;

        int mount(String source, String target, String fstype, long flags, String data) throws LastErrorException;
    }

    private static final int CLONE_NEWNS = 0x00020000;
    private static final long MS_REC = 16384;
    private static final long MS_PRIVATE = 1L << 18;

    @TempDir
    Path dir;

    static void inOwnMountNamespace(ThrowingRunnable body) throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                Unshare libc = Native.load("c", Unshare.class);
                String hostNs = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/mnt")).toString();
                libc.unshare(CLONE_NEWNS);
                String ownNs = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/mnt")).toString();
                assertNotEquals(hostNs, ownNs, "must not mount in the host's mount namespace");
                libc.mount("none", "/", null, MS_REC | MS_PRIVATE, null);
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "berth-test-mountns");
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aBindDeviceIsMountedForItsUsersAndUnmountedAfterTheLast() throws Throwable {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount");
        Path device = Files.createDirectories(dir.resolve("device"));
        Files.writeString(device.resolve("row"), "on the device");
        VolumeStore store = new VolumeStore(dir.resolve("state"));
        store.create(new VolumeSpec("berth-bound", null, null, Map.of("type", "none", "o", "bind", "device", device.toString())));
        inOwnMountNamespace(() -> {
            ContainerId first = ContainerId.random();
            ContainerId second = ContainerId.random();
            Path data = store.acquire("berth-bound", first);
            store.acquire("berth-bound", second);
            assertTrue(LocalDriverMount.isMountPoint(data));
            assertEquals("on the device", Files.readString(data.resolve("row")));
            Files.writeString(data.resolve("written"), "through the volume");
            assertThrows(RuntimeOperationException.class, () -> store.remove("berth-bound", false));
            store.release("berth-bound", first);
            assertTrue(LocalDriverMount.isMountPoint(data), "still used by the second container");
            store.release("berth-bound", second);
            assertFalse(LocalDriverMount.isMountPoint(data));
            assertFalse(Files.exists(data.resolve("row")));
            store.remove("berth-bound", false);
        });
        assertEquals("through the volume", Files.readString(device.resolve("written")));
        assertTrue(Files.exists(device.resolve("row")), "removing the volume leaves the device's content");
    }

    @Test
    void aReadOnlyBindIsReadOnlyAndAMissingDeviceIsReported() throws Throwable {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount");
        Path device = Files.createDirectories(dir.resolve("device-ro"));
        VolumeStore store = new VolumeStore(dir.resolve("state"));
        store.create(new VolumeSpec("berth-ro", null, null, Map.of("type", "none", "o", "bind,ro", "device", device.toString())));
        store.create(new VolumeSpec("berth-missing", null, null, Map.of("type", "none", "o", "bind", "device", dir.resolve("absent").toString())));
        inOwnMountNamespace(() -> {
            ContainerId user = ContainerId.random();
            Path data = store.acquire("berth-ro", user);
            assertThrows(java.io.IOException.class, () -> Files.writeString(data.resolve("x"), "no"));
            store.release("berth-ro", user);
            RuntimeOperationException missing = assertThrows(RuntimeOperationException.class,
                    () -> store.acquire("berth-missing", user));
            assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        });
    }
}
