package io.berth.runtime.supervisor;

import static io.berth.runtime.supervisor.SupervisorFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.LogQuery;
import io.berth.runtime.HostRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON log is size-capped with rotation, and the raw output the pump consumed is freed. */
class SupervisorLogRotationTest {
    private SupervisorFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = SupervisorFixture.plainWith(List.of("-Dberth.log.maxBytes=65536", "-Dberth.log.maxFiles=3"));
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void logsRotateAtTheCapAndKeepTheNewestLinesInOrder() throws Exception {
        HostRuntime runtime = fixture.connect();
        // about 2 MB of output, far more than 3 files of 64 KiB
        ContainerInfo info = runtime.createContainer(spec("berth-test-rotate", List.of("sh", "-c",
                "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); echo line$i-padding-padding-padding-padding-padding-padding-padding-padding-padding; done")));
        runtime.startContainer(info.id());
        runtime.waitForExit(info.id(), Duration.ofSeconds(60));
        Path dir = fixture.config.stateRoot().resolve("containers").resolve(info.id().value());
        assertTrue(Files.exists(dir.resolve("container.log.1")));
        assertTrue(Files.exists(dir.resolve("container.log.2")));
        assertFalse(Files.exists(dir.resolve("container.log.3")), "3 files at most");
        for (String name : List.of("container.log", "container.log.1", "container.log.2")) {
            assertTrue(Files.size(dir.resolve(name)) <= 65536, name + " within the cap");
        }
        List<String> texts = new ArrayList<>();
        runtime.readLogs(info.id(), LogQuery.ALL, line -> texts.add(line.text()));
        assertTrue(texts.get(texts.size() - 1).startsWith("line20000-"), texts.get(texts.size() - 1));
        int first = Integer.parseInt(texts.get(0).substring(4, texts.get(0).indexOf('-')));
        for (int i = 0; i < texts.size(); i++) {
            assertTrue(texts.get(i).startsWith("line" + (first + i) + "-"), "in order, none lost at rotation");
        }
        // consumed raw output is punched out: far less on disk than the 2 MB written
        long blocks = (Long) Files.getAttribute(dir.resolve("stdout.raw"), "unix:size");
        assertTrue(blocks > 1_500_000, "the raw file keeps its size");
        assertTrue(diskUsage(dir.resolve("stdout.raw")) < 600_000, "but not its blocks");
        runtime.removeContainer(info.id(), false);
    }

    private static long diskUsage(Path file) throws Exception {
        Process du = new ProcessBuilder("du", "-B1", file.toString()).start();
        String out = new String(du.getInputStream().readAllBytes()).trim();
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }
}
