package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code build:} end to end on the real runtime: up builds a missing image, up again changes
 * nothing, an edited file and {@code up --build} recreate only that service, {@code build --no-cache}
 * and the plain progress.
 */
@Tag("root")
class BuildComposeTest extends RealRuntimeTest {
    private static final String COMPOSE = """
            services:
              db:
                image: busybox:local
                command: ["sh", "-c", "exec sleep 1000"]
              web:
                build:
                  context: ./web
                  args: {GREETING: hello}
                command: ["sh", "-c", "exec sleep 1000"]
                depends_on: [db]
            """;

    private static final String DOCKERFILE = """
            FROM busybox:local
            ARG GREETING
            WORKDIR /app
            COPY app.txt ./
            RUN echo "$GREETING $(cat app.txt)" > /app/built.txt
            """;

    private static Path project(String name) throws Exception {
        return project(name, "one");
    }

    /** @param content of app.txt: the builder's cache is shared by the state root, so a test wanting a cold build makes its own */
    private static Path project(String name, String content) throws Exception {
        Path project = fixture.project(name, COMPOSE);
        Files.createDirectories(project.resolve("web"));
        Files.writeString(project.resolve("web/Dockerfile"), DOCKERFILE);
        Files.writeString(project.resolve("web/app.txt"), content);
        return project;
    }

    private static String containerId(Path project, String service) throws Exception {
        return fixture.berth(project, "ps", "-q", service).ok().out().strip();
    }

    @Test
    void upBuildsAMissingImageUpAgainChangesNothingAndUpBuildRecreatesOnlyTheChangedService() throws Exception {
        Path project = project("bld");
        try {
            fixture.berth(project, "up", "-d", "--progress", "plain").ok();
            assertEquals("hello one\n", fixture.berth(project, "exec", "-T", "web", "cat", "/app/built.txt").ok().out());
            String db = containerId(project, "db");
            String web = containerId(project, "web");

            BerthRun again = fixture.berth(project, "up", "-d", "--dry-run").ok();
            assertEquals("nothing to do\n", again.out(), again.toString());

            Files.writeString(project.resolve("web/app.txt"), "two");
            BerthRun rebuilt = fixture.berth(project, "up", "-d", "--build", "--progress", "plain", "--verbose").ok();
            assertTrue(rebuilt.out().contains("image bld-web:latest changed"), rebuilt.toString());
            assertEquals("hello two\n", fixture.berth(project, "exec", "-T", "web", "cat", "/app/built.txt").ok().out());
            assertEquals(db, containerId(project, "db"), "db is not recreated");
            assertNotEquals(web, containerId(project, "web"), "web is recreated");
        } finally {
            fixture.berth(project, "down", "-v").ok();
        }
    }

    @Test
    void buildShowsPlainProgressAndNoCacheRunsEveryStep() throws Exception {
        Path project = project("bldplain", "plain " + System.nanoTime());
        try {
            BerthRun first = fixture.berth(project, "build", "--progress", "plain").ok();
            assertTrue(Pattern.compile("(?m)^#\\d+ \\[web \\d/\\d] RUN echo").matcher(first.err()).find(), first.toString());
            assertTrue(Pattern.compile("(?m)^#\\d+ DONE \\d+\\.\\ds$").matcher(first.err()).find(), first.toString());

            BerthRun cached = fixture.berth(project, "build", "--progress", "plain").ok();
            assertTrue(cached.err().contains("CACHED"), cached.toString());
            assertFalse(Pattern.compile("(?m)^#\\d+ DONE").matcher(cached.err().replaceAll("(?m)^#\\d+ \\[web\\].*$", ""))
                    .find() && !cached.err().contains("CACHED"), cached.toString());

            BerthRun noCache = fixture.berth(project, "build", "--no-cache", "--progress", "plain").ok();
            assertFalse(noCache.err().contains("CACHED"), noCache.toString());

            BerthRun quiet = fixture.berth(project, "build", "-q").ok();
            assertEquals("", quiet.out());

            BerthRun noBuild = fixture.berth(project, "up", "-d", "--no-build");
            assertEquals(0, noBuild.exitCode(), noBuild.toString()); // the image exists now
        } finally {
            fixture.berth(project, "down", "-v").ok();
        }
    }

    @Test
    void noBuildWithAMissingImageIsAClearError() throws Exception {
        Path project = project("bldnone");
        try {
            BerthRun refused = fixture.berth(project, "up", "-d", "--no-build");
            assertEquals(1, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("service web: image bldnone-web:latest is not present and --no-build was given"),
                    refused.toString());
        } finally {
            fixture.berth(project, "down", "-v").ok();
        }
    }

    @Test
    void aServiceContextIsBuiltFirstAndRunBuildUsesIt() throws Exception {
        Path project = fixture.project("bldctx", """
                services:
                  base:
                    build: ./base
                    command: ["true"]
                  app:
                    build:
                      context: ./app
                      additional_contexts:
                        base: service:base
                    command: ["cat", "/app.txt"]
                """);
        Files.createDirectories(project.resolve("base"));
        Files.createDirectories(project.resolve("app"));
        Files.writeString(project.resolve("base/Dockerfile"), "FROM busybox:local\nRUN echo base " + System.nanoTime()
                + " > /base.txt\n");
        Files.writeString(project.resolve("app/Dockerfile"), "FROM base\nRUN cp /base.txt /app.txt\n");
        try {
            BerthRun run = fixture.berth(project, "run", "--rm", "-T", "--build", "app");
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().startsWith("base "), run.toString());
        } finally {
            fixture.berth(project, "down", "-v").ok();
        }
    }
}
