package io.berth.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.build.BuildListener;
import io.berth.runtime.build.BuildStep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The plain build progress reads as BuildKit's: numbered vertices, CACHED, DONE with time, ERROR, cache misses. */
class BuildLinesTest {
    @Test
    void stepsReadAsBuildKitsPlainProgress() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicInteger vertices = new AtomicInteger();
        BuildLines web = new BuildLines(new PrintStream(bytes, true, StandardCharsets.UTF_8), "web", vertices);
        BuildStep from = new BuildStep(1, 3, "builder", "WORKDIR /src", "Dockerfile:2");
        BuildStep copy = new BuildStep(2, 3, "0", "COPY app.txt ./", "Dockerfile:3");
        BuildStep run = new BuildStep(3, 3, "0", "RUN false", "Dockerfile:4");
        web.stepCached(from);
        web.cacheMiss(copy, "app.txt changed");
        web.stepStarted(copy);
        web.stepDone(copy, Duration.ofMillis(420));
        web.stepStarted(run);
        web.stepFailed(run, Duration.ofMillis(100), "Dockerfile:4: RUN false: exited with code 1; its last output:\n  oops");
        new BuildLines(new PrintStream(bytes, true, StandardCharsets.UTF_8), "api", vertices)
                .stepCached(new BuildStep(1, 1, "0", "WORKDIR /", "Dockerfile:2"));
        assertEquals("""
                #1 [web builder 1/3] WORKDIR /src
                #1 CACHED
                #2 cache miss: app.txt changed
                #2 [web 2/3] COPY app.txt ./
                #2 DONE 0.4s
                #3 [web 3/3] RUN false
                #3 ERROR: Dockerfile:4: RUN false: exited with code 1
                #4 [api 1/1] WORKDIR /
                #4 CACHED
                """, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRunsOutputLinesCarryTheirStepAndTime() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BuildLines web = new BuildLines(new PrintStream(bytes, true, StandardCharsets.UTF_8), "web", new AtomicInteger(4));
        BuildStep run = new BuildStep(2, 2, "0", "RUN make", "Dockerfile:3");
        web.stepStarted(run);
        web.output(run, BuildListener.OutputStream.STDOUT, "compiling");
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("#5 [web 2/2] RUN make", lines[0]);
        assertEquals(true, lines[1].matches("#5 \\d+\\.\\d{3} compiling"), lines[1]);
    }
}
