package io.berth.runtime.build.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ImageReference;
import io.berth.runtime.build.BuildNetwork;
import io.berth.runtime.build.BuildRequest;
import io.berth.runtime.build.BuildResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RUN --mount options beyond the plain ones (secret env=, bind rw, cache from= and sharing=),
 * symbolic --chmod, and bind mounts in a RUN's cache key, on the real kernel.
 */
@Tag("root")
class RunMountOptionsKernelTest {
    private static BuildFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new BuildFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aSecretAsAnEnvironmentVariableReachesTheRunOnlyAndABindRwKeepsNoWrite() throws Exception {
        Path secret = fixture.root.resolve("env-token.txt");
        Files.writeString(secret, "s3cret");
        Path context = fixture.context("mount-env", Map.of("data.txt", "original\n", "Dockerfile", """
                FROM busybox:test
                RUN --mount=type=secret,id=token,env=TOKEN,required \\
                    test "$TOKEN" = s3cret && echo seen > /secret-seen && test ! -e /run/secrets/token
                RUN --mount=type=bind,source=.,target=/src,rw \\
                    echo appended >> /src/data.txt && touch /src/new.txt && cat /src/data.txt > /copied.txt
                CMD ["sh", "-c", "cat /secret-seen /copied.txt; echo token=$TOKEN; ls /src 2>&1"]
                """));
        ImageReference tag = ImageReference.parse("berth-test/mount-env:1");
        fixture.build(BuildRequest.builder(context).tags(List.of(tag)).network(BuildNetwork.NONE)
                .secrets(Map.of("token", secret)).build());
        assertEquals("seen\noriginal\nappended\ntoken=\nls: /src: No such file or directory\n", fixture.run(tag, null));
        assertEquals("original\n", Files.readString(context.resolve("data.txt")), "the rw bind's write reached the context");
        assertFalse(Files.exists(context.resolve("new.txt")), "the rw bind's new file reached the context");
        BuildLeaks.assertNothingLeft(fixture.config);
    }

    @Test
    void aCacheMountSeededFromAStageAndSymbolicChmod() throws Exception {
        Path context = fixture.context("mount-seed", Map.of("tool.sh", "echo tool\n", "Dockerfile", """
                FROM busybox:test AS seed
                RUN mkdir -p /seed/sub && echo seeded > /seed/sub/a.txt

                FROM busybox:test
                RUN --mount=type=cache,id=seeded,target=/c,from=seed,source=/seed \\
                    cat /c/sub/a.txt > /got.txt && echo more >> /c/sub/a.txt
                COPY --chmod=u+x,g-w,o= tool.sh /tool.sh
                CMD ["sh", "-c", "cat /got.txt; stat -c %a /tool.sh"]
                """));
        Files.setPosixFilePermissions(context.resolve("tool.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        ImageReference tag = ImageReference.parse("berth-test/mount-seed:1");
        fixture.build(BuildRequest.builder(context).tags(List.of(tag)).network(BuildNetwork.NONE).build());
        assertEquals("seeded\n740\n", fixture.run(tag, null)); // 0664 -> u+x 0764 -> g-w 0744 -> o= 0740
        BuildLeaks.assertNothingLeft(fixture.config);
    }

    @Test
    void lockedCacheMountsTakeTurnsAndPrivateOnesAreNeverShared() throws Exception {
        String stage = """
                FROM busybox:test AS %1$s
                RUN --mount=type=cache,id=mine,target=/private,sharing=private \\
                    echo %1$s > /private/owner && sleep 1 && cat /private/owner > /owner.txt
                RUN --mount=type=cache,id=turns,target=/locked,sharing=locked \\
                    echo start >> /locked/log && sleep 1 && echo end >> /locked/log
                """;
        Path context = fixture.context("mount-sharing", Map.of("Dockerfile", stage.formatted("one") + "\n"
                + stage.formatted("two") + """

                FROM busybox:test
                COPY --from=one /owner.txt /one.txt
                COPY --from=two /owner.txt /two.txt
                RUN --mount=type=cache,id=turns,target=/locked,sharing=locked cat /locked/log > /log.txt
                CMD ["sh", "-c", "cat /one.txt /two.txt /log.txt"]
                """));
        ImageReference tag = ImageReference.parse("berth-test/mount-sharing:1");
        fixture.build(BuildRequest.builder(context).tags(List.of(tag)).network(BuildNetwork.NONE).build());
        assertEquals("one\ntwo\nstart\nend\nstart\nend\n", fixture.run(tag, null));
        BuildLeaks.assertNothingLeft(fixture.config);
    }

    @Test
    void aChangedFileUnderABindMountRunsTheStepAgainAndSaysWhy() throws Exception {
        Path context = fixture.context("mount-key", Map.of("src/main.txt", "v1\n", "other.txt", "x\n", "Dockerfile", """
                FROM busybox:test
                RUN --mount=type=bind,source=src,target=/src cat /src/main.txt > /built.txt
                CMD ["cat", "/built.txt"]
                """));
        ImageReference tag = ImageReference.parse("berth-test/mount-key:1");
        BuildRequest request = BuildRequest.builder(context).tags(List.of(tag)).network(BuildNetwork.NONE).build();
        fixture.build(request);
        Files.writeString(context.resolve("other.txt"), "not mounted\n");
        BuildResult unchanged = fixture.build(request);
        assertEquals(0, unchanged.stepsRun(), fixture.events.toString());
        Files.writeString(context.resolve("src/main.txt"), "v2\n");
        BuildResult changed = fixture.build(request);
        assertEquals(1, changed.stepsRun(), fixture.events.toString());
        assertTrue(fixture.events.stream().anyMatch(event -> event.startsWith("miss ") && event.contains("main.txt changed")),
                fixture.events.toString());
        assertEquals("v2\n", fixture.run(tag, null));
    }
}
