package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code berth image build} and {@code berth builder prune} as a user runs them, without Compose:
 * the image id on stdout, plain progress on stderr, options reaching the image, a cached rebuild,
 * a miss explained, a bad Dockerfile reported with its position, and prune emptying the cache.
 */
@Tag("root")
class ImageBuildCommandTest extends RealRuntimeTest {
    private static Path context(String name) throws Exception {
        // a Compose file only to look inside the image with berth run
        Path dir = fixture.project(name, "services:\n  app:\n    image: cli-built:1\n");
        Files.writeString(dir.resolve("app.txt"), "one\n");
        Files.writeString(dir.resolve("secret.txt"), "hidden\n");
        Files.writeString(dir.resolve("Build.dockerfile"), """
                FROM busybox:local AS unused
                RUN exit 9

                FROM busybox:local AS final
                ARG FLAVOUR
                ENV FLAVOUR=$FLAVOUR
                COPY app.txt /app/
                RUN --mount=type=secret,id=token wc -c < /run/secrets/token | tr -d " " > /app/secret-size
                """);
        return dir;
    }

    @Test
    void imageBuildPrintsTheIdRebuildsFromTheCacheExplainsAMissAndPruneEmptiesTheCache() throws Exception {
        Path dir = context("image-build");
        List<String> build = List.of("image", "build", "-t", "cli-built:1", "-f", "Build.dockerfile", "--target", "final",
                "--build-arg", "FLAVOUR=mint", "--label", "team=boats", "--network", "none",
                "--secret", "id=token,src=" + dir.resolve("secret.txt"), "--explain", ".");
        BerthRun first = fixture.berth(dir, build.toArray(String[]::new)).ok();
        String imageId = first.out().strip();
        assertTrue(imageId.matches("sha256:[0-9a-f]{64}"), first.toString());
        assertTrue(first.err().contains("[final ") && first.err().contains("RUN --mount=type=secret,id=token wc -c"),
                first.err());
        assertFalse(first.err().contains("exit 9"), "a stage the target does not need was built:\n" + first.err());

        String inspect = fixture.berth(dir, "image", "inspect", "cli-built:1").ok().out();
        assertTrue(inspect.matches("(?s).*\"team\"\\s*:\\s*\"boats\".*"), inspect);
        assertTrue(inspect.contains("FLAVOUR=mint"), inspect);
        String shown = fixture.berth(dir, "run", "--rm", "-T", "app", "cat", "/app/app.txt", "/app/secret-size").ok().out();
        assertEquals("one\n7\n", shown);

        BerthRun again = fixture.berth(dir, build.toArray(String[]::new)).ok();
        assertEquals(imageId, again.out().strip(), again.toString());
        assertTrue(again.err().contains("CACHED"), again.err());

        Files.writeString(dir.resolve("app.txt"), "two\n");
        BerthRun changed = fixture.berth(dir, build.toArray(String[]::new)).ok();
        assertTrue(changed.err().contains("cache miss: COPY app.txt /app/: app.txt changed"), changed.err());

        BerthRun pruned = fixture.berth(dir, "builder", "prune", "-f").ok();
        assertTrue(pruned.out().matches("(?s)Removed [1-9][0-9]* cached steps and 0 cache mounts\\nTotal reclaimed space: .*MB\\n"),
                pruned.out());
        BerthRun cold = fixture.berth(dir, build.toArray(String[]::new)).ok();
        assertFalse(cold.err().contains("CACHED"), "a build after prune used the cache:\n" + cold.err());
        assertTrue(cold.err().contains("cache miss: COPY app.txt /app/: "), cold.err());
    }

    @Test
    void aBadDockerfileIsReportedWithEveryPositionAndNoStackTrace() throws Exception {
        Path dir = fixture.project("image-build-bad", "services: {}\n");
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox:local
                COPPY a b
                RUN --mount=type=nope true
                """);
        BerthRun bad = fixture.berth(dir, "image", "build", "-t", "cli-bad:1", ".");
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("Dockerfile:2:1: "), bad.err());
        assertTrue(bad.err().contains("Dockerfile:3:"), bad.err());
        assertFalse(bad.err().contains("\tat io.berth"), bad.err());
        assertEquals("", bad.out());
        assertFalse(fixture.berth(dir, "image", "inspect", "cli-bad:1").exitCode() == 0, "a failed build made an image");
    }
}
