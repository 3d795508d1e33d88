package io.berth.runtime.build.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ImageReference;
import io.berth.runtime.build.BuildNetwork;
import io.berth.runtime.build.BuildRequest;
import io.berth.runtime.build.BuildResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RUN steps as containers of Berth's runtime, and the image they make, checked from inside a container of it. */
@Tag("root")
class RunBuildKernelTest {
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
    void runStepsMakeLayersAndTheConfigCarriesUserWorkdirEnvEntrypointAndCmd() throws Exception {
        Path context = fixture.context("run-basic", Map.of("Dockerfile", """
                FROM busybox:test
                ENV GREETING=hello
                WORKDIR /srv/app
                RUN echo "$GREETING from run" > made.txt && mkdir -p /data && chown app:app /data && rm /www/index.html
                USER app
                RUN id -u > /data/uid.txt
                ENTRYPOINT ["/bin/sh", "-c"]
                CMD ["cat /srv/app/made.txt; pwd; id -un; echo $GREETING; cat /data/uid.txt; ls /www; stat -c '%U %a' /data"]
                """));
        ImageReference tag = ImageReference.parse("berth-test/run-basic:1");
        BuildResult result = fixture.build(BuildRequest.builder(context).tags(List.of(tag))
                .network(BuildNetwork.NONE).build());
        assertEquals(3, result.stepsRun(), fixture.events.toString()); // WORKDIR made /srv/app, two RUNs
        String output = fixture.run(tag, null);
        assertEquals("hello from run\n/srv/app\napp\nhello\n1000\napp 755\n", output);
    }

    @Test
    void nothingChangedRebuildRunsNothingAndGivesTheSameImageId() throws Exception {
        Path context = fixture.context("run-cache", Map.of("Dockerfile", """
                FROM busybox:test
                RUN echo one > /one.txt
                RUN echo two > /two.txt
                CMD ["cat", "/one.txt", "/two.txt"]
                """));
        BuildRequest request = BuildRequest.builder(context).network(BuildNetwork.NONE).build();
        BuildResult first = fixture.build(request);
        BuildResult second = fixture.build(request);
        assertEquals(first.imageId(), second.imageId());
        assertEquals(0, second.stepsRun(), fixture.events.toString());
        assertEquals(List.of("cached RUN echo one > /one.txt", "cached RUN echo two > /two.txt"), fixture.events);
    }

    @Test
    void aFailingRunNamesItsLineCommandExitCodeAndOutput() throws Exception {
        Path context = fixture.context("run-fail", Map.of("Dockerfile", """
                FROM busybox:test
                RUN echo preparing
                RUN echo about to fail; echo oops >&2; exit 3
                """));
        io.berth.runtime.build.BuildException failure = org.junit.jupiter.api.Assertions.assertThrows(
                io.berth.runtime.build.BuildException.class,
                () -> fixture.build(BuildRequest.builder(context).network(BuildNetwork.NONE).build()));
        assertTrue(failure.runFailure().isPresent(), failure.getMessage());
        assertEquals("Dockerfile:3", failure.runFailure().get().location());
        assertEquals(3, failure.runFailure().get().exitCode());
        assertTrue(failure.runFailure().get().lastOutput().containsAll(List.of("about to fail", "oops")),
                failure.getMessage());
        BuildLeaks.assertNothingLeft(fixture.config);
    }

    @Test
    void withSourceDateEpochTwoBuildsWithoutCacheGiveTheSameImageId() throws Exception {
        Path context = fixture.context("run-epoch", Map.of("Dockerfile", """
                FROM busybox:test
                RUN mkdir /out && echo same > /out/file && rm -r /home/app
                """));
        BuildRequest request = BuildRequest.builder(context).network(BuildNetwork.NONE).noCache(true)
                .sourceDateEpoch(java.time.Instant.ofEpochSecond(1700000000)).build();
        BuildResult first = fixture.build(request);
        Thread.sleep(1100); // a second later: only fixed times make the bytes equal
        BuildResult second = fixture.build(request);
        assertEquals(1, second.stepsRun());
        assertEquals(first.imageId(), second.imageId());
    }

    @Test
    void deletionsBecomeWhiteoutsAndCacheMountsAndSecretsStayOutOfTheImage() throws Exception {
        Path secret = fixture.root.resolve("token.txt");
        java.nio.file.Files.writeString(secret, "s3cret");
        Path context = fixture.context("run-mounts", Map.of("Dockerfile", """
                FROM busybox:test
                RUN --mount=type=cache,target=/cache echo run >> /cache/count && wc -l < /cache/count > /seen
                RUN --mount=type=secret,id=token cat /run/secrets/token > /dev/null && rm -rf /www && mkdir /etc/new
                RUN --mount=type=tmpfs,target=/scratch touch /scratch/x
                CMD ["sh", "-c", "ls /www 2>&1; ls /run/secrets 2>&1; ls /cache 2>&1; ls /scratch 2>&1; cat /seen"]
                """));
        ImageReference tag = ImageReference.parse("berth-test/run-mounts:1");
        fixture.build(BuildRequest.builder(context).tags(List.of(tag)).network(BuildNetwork.NONE)
                .secrets(Map.of("token", secret)).build());
        String output = fixture.run(tag, null);
        assertTrue(output.contains("ls: /www: No such file or directory"), output);
        assertTrue(output.contains("ls: /run/secrets: No such file or directory"), output);
        assertTrue(output.contains("ls: /cache: No such file or directory"), output);
        assertTrue(output.contains("ls: /scratch: No such file or directory"), output);
        assertTrue(output.endsWith("1\n"), output);
        fixture.build(BuildRequest.builder(context).tags(List.of(tag)).network(BuildNetwork.NONE).noCache(true)
                .secrets(Map.of("token", secret)).build());
        assertTrue(fixture.run(tag, null).endsWith("2\n"), "the cache mount kept its content between builds");
        BuildLeaks.assertNothingLeft(fixture.config);
    }

    @Test
    void onlyTheStagesTheTargetNeedsAreBuiltAndAStageCanBeTheBaseOfAnother() throws Exception {
        Path context = fixture.context("run-stages", Map.of("Dockerfile", """
                FROM busybox:test AS base
                ENV FROM_BASE=yes
                RUN echo base > /base.txt

                FROM busybox:test AS broken
                RUN exit 1

                FROM base AS app
                RUN echo app >> /base.txt
                CMD ["sh", "-c", "cat /base.txt; echo $FROM_BASE"]

                FROM busybox:test AS last
                RUN exit 2
                """));
        ImageReference tag = ImageReference.parse("berth-test/run-stages:1");
        fixture.build(BuildRequest.builder(context).tags(List.of(tag)).target("app").network(BuildNetwork.NONE).build());
        assertEquals(List.of("ran RUN echo base > /base.txt", "ran RUN echo app >> /base.txt"),
                fixture.events.stream().filter(event -> event.startsWith("ran")).toList());
        assertEquals("base\napp\nyes\n", fixture.run(tag, null));
    }

    @Test
    void bindMountsFromTheContextAndAStageAndHeredocsAreReadButNotKept() throws Exception {
        Path context = fixture.context("run-binds", Map.of("data.txt", "from the context\n", "Dockerfile", """
                FROM busybox:test AS base
                RUN echo from the stage > /stage.txt

                FROM busybox:test
                RUN --mount=type=bind,source=data.txt,target=/mnt/data.txt \\
                    --mount=type=bind,from=base,source=/stage.txt,target=/mnt/stage.txt \\
                    cat /mnt/data.txt /mnt/stage.txt > /seen.txt
                RUN <<EOF
                echo from a heredoc >> /seen.txt
                EOF
                CMD ["sh", "-c", "cat /seen.txt; ls /mnt 2>&1"]
                """));
        ImageReference tag = ImageReference.parse("berth-test/run-binds:1");
        fixture.build(BuildRequest.builder(context).tags(List.of(tag)).network(BuildNetwork.NONE).build());
        assertEquals("from the context\nfrom the stage\nfrom a heredoc\nls: /mnt: No such file or directory\n",
                fixture.run(tag, null));
        BuildLeaks.assertNothingLeft(fixture.config);
    }
}
