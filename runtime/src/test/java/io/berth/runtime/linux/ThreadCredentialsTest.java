package io.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("root")
class ThreadCredentialsTest {

    @Test
    void boundingSetAndCapabilitiesChangeOnlyTheCallingThread() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to hold capabilities");
        long docker = Capabilities.mask(Capabilities.DOCKER_DEFAULTS);
        AtomicReference<String> seen = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            ThreadCredentials.limitBoundingSet(docker);
            ThreadCredentials.setCapabilities(docker, docker, 0);
            try {
                seen.set(Files.readString(Path.of("/proc/thread-self/status")));
            } catch (Exception e) {
                seen.set(e.toString());
            }
        });
        thread.start();
        thread.join();
        assertEquals(0xa80425fbL, docker);
        String status = seen.get();
        assertEquals("00000000a80425fb", field(status, "CapBnd"));
        assertEquals("00000000a80425fb", field(status, "CapEff"));
        String mine = Files.readString(Path.of("/proc/thread-self/status"));
        assertEquals(field(Files.readString(Path.of("/proc/self/status")), "CapBnd"), field(mine, "CapBnd"));
    }

    private static String field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }
}
