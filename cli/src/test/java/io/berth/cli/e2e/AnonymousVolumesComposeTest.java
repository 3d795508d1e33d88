package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.VolumeInfo;
import io.berth.testfixtures.BusyboxImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Anonymous volumes through the CLI on the real runtime, checked against what Docker Compose v2
 * (2.26) does on dockerd: each anonymous mount and image VOLUME gets a 64-hex volume listed by
 * {@code volume ls}; a recreate keeps them, {@code -V} renews them (leaving the old ones unused);
 * {@code down} keeps them dangling, {@code down -v}, {@code rm -v} and {@code run --rm} remove
 * them; {@code volumes_from: container:x[:ro]} shares another project's container's volumes.
 */
@Tag("root")
class AnonymousVolumesComposeTest extends RealRuntimeTest {
    private static final String VOLUME_IMAGE = "anonvol-www:local";

    @BeforeAll
    static void importAnImageWithAVolume() throws Exception {
        // the test-fixtures busybox has /www/index.html: an image VOLUME there is filled by copy-up
        ImageService.open(fixture.config).importRootfs(BusyboxImage.rootfsTar(), ImageReference.parse(VOLUME_IMAGE),
                List.of("CMD [\"sh\"]", "VOLUME /www"));
    }

    /** Before the base class's clean-up: the fixture removes containers and networks, not volumes. */
    @AfterAll
    static void removeVolumes() throws Exception {
        if (fixture != null) {
            for (VolumeInfo volume : fixture.runtime.listVolumes(Map.of())) {
                fixture.runtime.removeVolume(volume.name(), true);
            }
        }
    }

    @Test
    void anonymousVolumesSurviveARecreateAreRenewedByDashVAndGoWithDownDashV() throws Exception {
        Path project = fixture.project("anon", compose("1"));
        Set<String> before = anonymousVolumes();
        fixture.berth(project, "up", "-d").ok();
        Set<String> first = new TreeSet<>(anonymousVolumes());
        first.removeAll(before);
        assertEquals(2, first.size(), "/data (short syntax) and /cache (long syntax): " + first);
        String volumeLs = fixture.berth(project, "volume", "ls", "-q").ok().out();
        first.forEach(name -> assertTrue(volumeLs.contains(name), "volume ls lists " + name + ":\n" + volumeLs));
        String written = read(project);

        Files.writeString(project.resolve("compose.yaml"), compose("2"));
        BerthRun dryRun = fixture.berth(project, "up", "-d", "--dry-run").ok();
        assertTrue(dryRun.toString().contains("keeps the anonymous volumes at /cache, /data"), dryRun.toString());
        fixture.berth(project, "up", "-d").ok();
        assertEquals(written, read(project), "config change: the data in /data survived the recreate");
        fixture.berth(project, "up", "-d", "--force-recreate").ok();
        assertEquals(written, read(project), "--force-recreate: survived too");
        assertEquals(union(before, first), anonymousVolumes(), "the same volumes, none added");

        fixture.berth(project, "up", "-d", "-V").ok(); // -V alone recreates, as Compose
        assertNotEquals(written, read(project), "-V: a fresh volume, written by the new container");
        Set<String> renewed = new TreeSet<>(anonymousVolumes());
        renewed.removeAll(before);
        assertEquals(4, renewed.size(), "as Compose, the old ones stay behind unused: " + renewed);

        fixture.berth(project, "down", "-v").ok();
        assertEquals(union(before, first), anonymousVolumes(), "down -v removed the container's, not the dangling ones");
        for (String name : renewed) {
            if (!first.contains(name)) {
                assertFalse(Files.exists(fixture.config.stateRoot().resolve("volumes").resolve(name)), "no dir left");
            }
        }
        assertFalse(Files.readString(Path.of("/proc/mounts")).contains(fixture.root.toString()), "no mounts left");
        first.forEach(name -> fixture.runtime.removeVolume(name, false));
    }

    @Test
    void downWithoutDashVLeavesAnonymousVolumesDanglingAsCompose() throws Exception {
        Path project = fixture.project("dangling", compose("1"));
        Set<String> before = anonymousVolumes();
        fixture.berth(project, "up", "-d").ok();
        Set<String> made = new TreeSet<>(anonymousVolumes());
        made.removeAll(before);
        fixture.berth(project, "down").ok();
        assertTrue(anonymousVolumes().containsAll(made), "Compose v2: down without -v keeps anonymous volumes");
        String dangling = fixture.berth(project, "volume", "ls", "-q", "--filter", "dangling=true").ok().out();
        made.forEach(name -> assertTrue(dangling.contains(name), "listed as dangling: " + dangling));
        made.forEach(name -> fixture.runtime.removeVolume(name, false));
    }

    @Test
    void theImagesVolumeIsFilledByCopyUpKeptOnRecreateAndRemovedByRmDashV() throws Exception {
        Path project = fixture.project("imagevol", """
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "exec sleep 1000"]
                """.formatted(VOLUME_IMAGE));
        Set<String> before = anonymousVolumes();
        fixture.berth(project, "up", "-d").ok();
        assertEquals("hello from berth busybox\n",
                fixture.berth(project, "exec", "-T", "web", "cat", "/www/index.html").ok().out());
        fixture.berth(project, "exec", "-T", "web", "sh", "-c", "echo mine > /www/added").ok();
        fixture.berth(project, "up", "-d", "--force-recreate").ok();
        assertEquals("mine\n", fixture.berth(project, "exec", "-T", "web", "cat", "/www/added").ok().out());
        fixture.berth(project, "rm", "-s", "-f", "-v").ok();
        assertEquals(before, anonymousVolumes(), "rm -v removed the image's anonymous volume");
        fixture.berth(project, "down").ok();
    }

    @Test
    void runDashDashRmRemovesItsAnonymousVolumes() throws Exception {
        Path project = fixture.project("oneoff", compose("1"));
        Set<String> before = anonymousVolumes();
        fixture.berth(project, "run", "--rm", "app", "sh", "-c", "echo x > /data/x").ok();
        assertEquals(before, anonymousVolumes(), "run --rm: as docker run --rm, its anonymous volumes go");
        fixture.berth(project, "down").ok();
    }

    @Test
    void volumesFromAContainerOfAnotherProjectReadOnly() throws Exception {
        Path other = fixture.project("source", compose("1"));
        fixture.berth(other, "run", "-d", "--name", "anonvol-vf-source", "app",
                "sh", "-c", "echo shared > /data/f; exec sleep 1000").ok();
        Path project = fixture.project("reader", """
                services:
                  reader:
                    image: busybox:local
                    command: ["sh", "-c", "exec sleep 1000"]
                    volumes_from:
                      - container:anonvol-vf-source:ro
                  writer:
                    image: busybox:local
                    command: ["sh", "-c", "exec sleep 1000"]
                    volumes_from:
                      - container:anonvol-vf-source
                """);
        fixture.berth(project, "up", "-d").ok();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                fixture.berth(project, "exec", "-T", "reader", "cat", "/data/f").out().equals("shared\n"));
        assertNotEquals(0, fixture.berth(project, "exec", "-T", "reader", "sh", "-c", "echo no > /data/g").exitCode(),
                ":ro makes the shared volume read-only");
        fixture.berth(project, "exec", "-T", "writer", "sh", "-c", "echo yes > /data/g").ok();
        assertEquals("yes\n", fixture.berth(project, "exec", "-T", "reader", "cat", "/data/g").ok().out());
        fixture.berth(project, "down", "-v").ok();
        fixture.berth(other, "down", "-v").ok();
    }

    /** A service with an anonymous volume in each syntax; it writes its hostname once into /data/f. */
    private static String compose(String variant) {
        return """
                services:
                  app:
                    image: busybox:local
                    environment:
                      VARIANT: "%s"
                    command: ["sh", "-c", "cat /data/f 2>/dev/null || echo $$HOSTNAME > /data/f; exec sleep 1000"]
                    volumes:
                      - /data
                      - type: volume
                        target: /cache
                """.formatted(variant);
    }

    /** /data/f once the container's command has written it. */
    private static String read(Path project) {
        String[] content = new String[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            BerthRun cat = fixture.berth(project, "exec", "-T", "app", "cat", "/data/f");
            content[0] = cat.out();
            return cat.exitCode() == 0 && !content[0].isBlank();
        });
        return content[0];
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> anonymousVolumes() {
        return fixture.runtime.listVolumes(Map.of()).stream().filter(VolumeInfo::isAnonymous)
                .map(VolumeInfo::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
