package io.berth.runtime.build.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.ImageReference;
import io.berth.runtime.build.BuildNetwork;
import io.berth.runtime.build.BuildRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two images built from one Dockerfile with different build args, as two Compose services with
 * {@code build: .} and their own {@code args:} do (found building a real multi-stage C project): a
 * rebuild of one after a source change says the change, not the other image's build args.
 */
@Tag("root")
class SharedDockerfileKernelTest {

    @Test
    void aMissIsExplainedAgainstTheSameImagesLastBuild() throws Exception {
        try (BuildFixture fixture = new BuildFixture()) {
            Path context = fixture.context("shared", Map.of("Dockerfile", """
                    FROM busybox:test AS builder
                    ARG VERSION=1.0
                    WORKDIR /src
                    COPY main.txt .
                    RUN echo "$VERSION $(cat main.txt)" > /built.txt
                    """, "main.txt", "one\n"));
            ImageReference hello = ImageReference.parse("berth-test/shared-hello:1");
            ImageReference tools = ImageReference.parse("berth-test/shared-tools:1");
            BuildRequest helloRequest = BuildRequest.builder(context).tags(List.of(hello))
                    .buildArgs(Map.of("VERSION", "2.5")).network(BuildNetwork.NONE).build();
            fixture.build(helloRequest);
            fixture.build(BuildRequest.builder(context).tags(List.of(tools)).network(BuildNetwork.NONE).build());

            Files.writeString(context.resolve("main.txt"), "two\n");
            fixture.build(helloRequest);
            assertEquals(List.of("miss COPY main.txt .: main.txt changed", "ran COPY main.txt .",
                            "miss RUN echo \"2.5 $(cat main.txt)\" > /built.txt: an earlier step changed",
                            "ran RUN echo \"2.5 $(cat main.txt)\" > /built.txt"),
                    fixture.events.stream().filter(event -> !event.startsWith("cached")).toList());
            assertEquals("2.5 two", fixture.run(hello, List.of("cat", "/built.txt")).strip());
        }
    }
}
