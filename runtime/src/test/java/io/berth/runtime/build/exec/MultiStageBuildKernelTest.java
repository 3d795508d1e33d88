package io.berth.runtime.build.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * A real multi-stage Dockerfile from busybox: COPY from the context (.dockerignore applied), from a
 * stage, with --chown/--chmod; the result checked from inside a container of the image; rebuilds
 * after one changed file re-run only the steps after it.
 */
@Tag("root")
class MultiStageBuildKernelTest {
    private static final ImageReference TAG = ImageReference.parse("berth-test/multi:1");
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
    void buildsTheImageAndRebuildsOnlyWhatAChangedFileAffects() throws Exception {
        Path context = fixture.context("multi", Map.of(
                "Dockerfile", """
                        FROM busybox:test AS build
                        WORKDIR /src
                        COPY src/ ./
                        RUN cat greeting.txt > /built.txt && ls /src >> /built.txt

                        FROM busybox:test
                        COPY --from=build /built.txt /app/built.txt
                        COPY --chown=app:app --chmod=0750 bin/run.sh /app/bin/
                        COPY config.txt /etc/app/
                        USER app
                        WORKDIR /app
                        ENV MODE=test
                        ENTRYPOINT ["/bin/sh", "-c"]
                        CMD ["cat built.txt /etc/app/config.txt; stat -c '%U:%G %a' bin/run.sh /etc/app/config.txt /app; pwd; id -un; echo $MODE"]
                        """,
                ".dockerignore", "src/*.md\n",
                "src/greeting.txt", "hello\n",
                "src/notes.md", "not copied\n",
                "bin/run.sh", "#!/bin/sh\necho run\n",
                "config.txt", "config one\n"));
        BuildRequest request = BuildRequest.builder(context).tags(List.of(TAG)).network(BuildNetwork.NONE).build();
        BuildResult first = fixture.build(request);
        assertEquals(6, first.stepsRun(), fixture.events.toString()); // WORKDIR /src, COPY, RUN, three COPYs
        assertEquals("""
                hello
                greeting.txt
                config one
                app:app 750
                root:root 644
                root:root 755
                /app
                app
                test
                """, fixture.run(TAG, null));

        BuildResult unchanged = fixture.build(request);
        assertEquals(first.imageId(), unchanged.imageId());
        assertEquals(0, unchanged.stepsRun(), fixture.events.toString());

        Files.writeString(context.resolve("config.txt"), "config two\n");
        fixture.build(request);
        assertEquals(List.of("miss COPY config.txt /etc/app/: config.txt changed", "ran COPY config.txt /etc/app/"),
                fixture.events.stream().filter(event -> !event.startsWith("cached")).toList());
        assertEquals("config two", fixture.run(TAG, List.of("cat /etc/app/config.txt")).strip());

        Files.writeString(context.resolve("src/notes.md"), "still ignored\n");
        assertEquals(0, fixture.build(request).stepsRun(), "a change of an ignored file runs nothing");
    }

    @Test
    void addExtractsALocalTarAndDownloadsAUrl() throws Exception {
        Path context = fixture.context("add", Map.of("payload/inner/file.txt", "from the tar\n",
                "Dockerfile", "placeholder"));
        new ProcessBuilder("tar", "-czf", context.resolve("payload.tar.gz").toString(), "-C",
                context.resolve("payload").toString(), ".").inheritIO().start().waitFor();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/remote.txt", exchange -> {
            byte[] body = "downloaded\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM busybox:test
                    ADD payload.tar.gz /opt/
                    ADD http://127.0.0.1:%d/files/remote.txt /opt/remote/
                    CMD ["sh", "-c", "cat /opt/inner/file.txt /opt/remote/remote.txt; stat -c %%a /opt/remote/remote.txt"]
                    """.formatted(server.getAddress().getPort()));
            ImageReference tag = ImageReference.parse("berth-test/add:1");
            fixture.build(BuildRequest.builder(context).tags(List.of(tag)).network(BuildNetwork.NONE).build());
            assertEquals("from the tar\ndownloaded\n600\n", fixture.run(tag, null));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void copyFollowsTheImagesSymlinksInsideTheRootAndTakesFilesFromAnImage() throws Exception {
        Path context = fixture.context("symlinks", Map.of("file.txt", "copied\n", "Dockerfile", """
                FROM busybox:test
                RUN mkdir /srv && ln -s /srv /data && ln -s ../../.. /srv/up
                COPY file.txt /data/
                COPY file.txt /data/up/etc/escaped.txt
                COPY --from=busybox:test --chown=1000 /www/index.html /srv/
                CMD ["sh", "-c", "cat /srv/file.txt /etc/escaped.txt; readlink /data; stat -c '%u:%g' /srv/index.html"]
                """));
        ImageReference tag = ImageReference.parse("berth-test/symlinks:1");
        fixture.build(BuildRequest.builder(context).tags(List.of(tag)).network(BuildNetwork.NONE).build());
        assertEquals("copied\ncopied\n/srv\n1000:1000\n", fixture.run(tag, null));
    }
}
