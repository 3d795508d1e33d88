package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.VolumeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #5's volume bullets through the CLI that no other test drives end to end: an external
 * volume used and never removed (not even by down -v), tmpfs size and mode in both syntaxes, a
 * read-only root with a writable tmpfs, read-only binds, and create_host_path: false refusing
 * a missing source before anything is created. (Named volumes kept by down and removed by
 * down -v: ContainerComposeTest; anonymous volumes and volumes_from: their own tests.)
 */
class VolumeComposeTest extends RealRuntimeTest {
    @AfterAll
    static void removeVolumes() {
        if (fixture != null) {
            for (var volume : fixture.runtime.listVolumes(Map.of())) {
                fixture.runtime.removeVolume(volume.name(), true);
            }
        }
    }

    private static BerthRun exec(Path project, String service, String script) throws Exception {
        return fixture.berth(project, "exec", "-T", service, "sh", "-c", script);
    }

    @Test
    void anExternalVolumeIsUsedAndNeverRemovedEvenByDownDashV() throws Exception {
        fixture.runtime.createVolume(new VolumeSpec("berthe2e-extvol", "local", Map.of(), Map.of()));
        Path project = fixture.project("volext", """
                services:
                  app:
                    image: busybox:local
                    command: ["sh", "-c", "cat /data/note 2>/dev/null || echo first > /data/note; exec sleep 1000"]
                    volumes: ["data:/data"]
                volumes:
                  data:
                    external: true
                    name: berthe2e-extvol
                """);
        fixture.berth(project, "up", "-d").ok();
        assertEquals("first\n", exec(project, "app", "cat /data/note").ok().out());
        fixture.berth(project, "down", "-v").ok();
        assertTrue(fixture.runtime.inspectVolume("berthe2e-extvol").isPresent(), "external: never removed");
        fixture.berth(project, "up", "-d").ok();
        assertEquals("first\n", exec(project, "app", "cat /data/note").ok().out(), "its data too");
        fixture.berth(project, "down", "-v").ok();
        fixture.runtime.removeVolume("berthe2e-extvol", false);
    }

    @Test
    void tmpfsSizeAndModeReadOnlyRootAndReadOnlyBinds() throws Exception {
        Path project = fixture.project("voltmp", """
                services:
                  app:
                    image: busybox:local
                    read_only: true
                    tmpfs: ["/scratch:size=1m,mode=1770"]
                    volumes:
                      - type: tmpfs
                        target: /cache
                        tmpfs:
                          size: 2097152
                          mode: 0700
                      - ./conf:/conf:ro
                    command: ["sleep", "1000"]
                """);
        Files.createDirectories(project.resolve("conf"));
        Files.writeString(project.resolve("conf/app.ini"), "mode=test\n");
        fixture.berth(project, "up", "-d").ok();
        String mounts = exec(project, "app", "cat /proc/mounts").ok().out();
        assertTrue(mounts.lines().anyMatch(line -> line.startsWith("tmpfs /scratch ") && line.contains("size=1024k")
                && line.contains("mode=1770")), mounts);
        assertTrue(mounts.lines().anyMatch(line -> line.startsWith("tmpfs /cache ") && line.contains("size=2048k")
                && line.contains("mode=700")), mounts);
        assertEquals("mode=test\n", exec(project, "app", "cat /conf/app.ini").ok().out());
        assertNotEquals(0, exec(project, "app", "echo x > /conf/app.ini").exitCode(), "ro bind");
        assertNotEquals(0, exec(project, "app", "echo x > /root-file").exitCode(), "read_only root");
        assertEquals(0, exec(project, "app", "echo x > /scratch/f && echo y > /cache/f").exitCode(), "tmpfs stays writable");
        assertEquals("mode=test\n", Files.readString(project.resolve("conf/app.ini")));
        fixture.berth(project, "down").ok();
    }

    @Test
    void aMissingBindSourceWithoutCreateHostPathIsRefusedNamingThePath() throws Exception {
        Path project = fixture.project("volbind", """
                services:
                  app:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    volumes:
                      - type: bind
                        source: ./missing
                        target: /missing
                        bind:
                          create_host_path: false
                """);
        BerthRun up = fixture.berth(project, "up", "-d");
        assertNotEquals(0, up.exitCode(), up.toString());
        assertTrue(up.err().contains(project.resolve("missing").toString()), up.toString());
        assertTrue(Files.notExists(project.resolve("missing")), "not created");
        fixture.berth(project, "down").ok();
    }
}
