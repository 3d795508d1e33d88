package io.berth.runtime.supervisor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.MountSpec;
import io.berth.runtime.NetworkMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 7: when the init stage fails, its own words reach the user, not the network
 * attach's that fails after it ("Bind /proc/N/ns/net ... failed"), even with network_mode none.
 */
@Tag("root")
class InitStageErrorsTest extends KernelSupervisorTest {
    private static ContainerSpec spec(String name, String workingDir, String hostname, List<MountSpec> mounts,
                                      NetworkMode networkMode) {
        return new ContainerSpec(name, Map.of(), BUSYBOX, null, List.of("true"), List.of(), null, List.of(),
                workingDir, hostname, null, false, false, null, null, mounts, networkMode, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), false, List.of(), List.of(), false, null, null, Map.of(),
                List.of(), null, null, null, List.of());
    }

    private static String startError(ContainerSpec spec) {
        ContainerInfo info = runtime.createContainer(spec);
        try {
            return assertThrows(RuntimeException.class, () -> runtime.startContainer(info.id())).getMessage();
        } finally {
            runtime.removeContainer(info.id(), true);
        }
    }

    private static void assertStagesWords(String message, String expected) {
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains("ns/net"), "not the network's error: " + message);
    }

    @Test
    void aWorkingDirectoryThroughAFile() {
        assertStagesWords(startError(spec("berth-test-ise-wd", "/etc/passwd/sub", null, List.of(),
                new NetworkMode.Bridge())), "ENOTDIR");
        assertStagesWords(startError(spec("berth-test-ise-wd0", "/etc/passwd/sub", null, List.of(),
                new NetworkMode.None())), "ENOTDIR");
    }

    @Test
    void aHostnameTooLong() {
        String message = startError(spec("berth-test-ise-host", null, "h".repeat(300), List.of(),
                new NetworkMode.Bridge()));
        assertStagesWords(message, "sethostname");
    }

    @Test
    void aSymlinkLoopOnTheWay() throws Exception {
        Path source = Files.createDirectories(fixture.root.resolve("loop-source"));
        Files.createSymbolicLink(source.resolve("loop"), Path.of("loop"));
        String message = startError(spec("berth-test-ise-loop", "/data/loop/sub", null,
                List.of(new MountSpec(MountSpec.Type.BIND, source.toString(), "/data", false, Map.of())),
                new NetworkMode.Bridge()));
        assertStagesWords(message, "ELOOP");
    }
}
