package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ImageReference;
import io.berth.testfixtures.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11 item 9: absurd image configs are refused when an image comes in, with what is wrong. */
class ImageConfigValidationTest {
    private static byte[] config(String run) {
        return ("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"config\":" + run + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownStopSignalIsRefused() {
        IOException e = assertThrows(IOException.class,
                () -> ImageConfigs.parseIncoming(config("{\"StopSignal\":\"SIGFOO\"}"), "config sha256:abc"));
        assertEquals("config sha256:abc: StopSignal \"SIGFOO\" is not a signal (use a name such as SIGTERM or a number 1-64)",
                e.getMessage());
    }

    @Test
    void knownStopSignalsPass() {
        for (String signal : List.of("SIGQUIT", "TERM", "9", "SIGUSR1")) {
            assertDoesNotThrow(() -> ImageConfigs.parseIncoming(config("{\"StopSignal\":\"" + signal + "\"}"), "c"));
        }
    }

    @Test
    void volumesOverTheRootOrTheKernelsFilesystemsAreRefusedAllAtOnce() {
        IOException e = assertThrows(IOException.class, () -> ImageConfigs.parseIncoming(config(
                "{\"Volumes\":{\"/\":{},\"/proc\":{},\"/dev/shm\":{},\"/sys/\":{},\"/data\":{},\"/devices\":{}}}"), "c"));
        String message = e.getMessage();
        assertTrue(message.contains("\"/\" would hide the container's whole root"), message);
        assertTrue(message.contains("\"/proc\" would hide what the kernel provides"), message);
        assertTrue(message.contains("\"/dev/shm\""), message);
        assertTrue(message.contains("\"/sys/\""), message);
        assertTrue(!message.contains("/data") && !message.contains("/devices"), message);
    }

    @Test
    void storedImagesAreStillReadWithoutTheChecks() throws IOException {
        assertDoesNotThrow(() -> ImageConfigs.parse(config("{\"StopSignal\":\"SIGFOO\",\"Volumes\":{\"/\":{}}}"), "c"));
    }

    @Test
    void anImportWithAbsurdChangesIsRefusedBeforeAnyWork() throws IOException {
        LayerFixture.assumeRoot();
        try (LayerFixture fixture = new LayerFixture()) {
            Path tar = Files.createTempFile("berth-test-rootfs-", ".tar");
            try {
                new TarBuilder().file("etc/hostname", "x").writeTo(tar);
                IOException e = assertThrows(IOException.class, () -> new RootfsImporter(fixture.store).importRootfs(tar,
                        ImageReference.parse("absurd:test"), List.of("STOPSIGNAL SIGFOO", "VOLUME /")));
                assertTrue(e.getMessage().startsWith("--change: StopSignal \"SIGFOO\""), e.getMessage());
                assertTrue(fixture.storeIsClean());
            } finally {
                Files.deleteIfExists(tar);
            }
        }
    }
}
