package io.berth.runtime.build.exec;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.LogQuery;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.Runtimes;
import io.berth.runtime.build.BuildListener;
import io.berth.runtime.build.BuildRequest;
import io.berth.runtime.build.BuildResult;
import io.berth.runtime.build.BuildStep;
import io.berth.runtime.build.ImageBuilder;
import io.berth.testfixtures.BusyboxImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A state root of its own under /tmp/berth-test-build-*, with the busybox image loaded, a builder,
 * and a runtime (supervisor started on demand) to run containers of the built images; close()
 * removes the containers, stops the supervisor and deletes the directory.
 */
final class BuildFixture implements AutoCloseable {
    final Path root;
    final RuntimeConfig config;
    final ImageBuilder builder;
    private ContainerRuntime runtime;

    BuildFixture() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "needs root: namespaces, overlayfs and cgroups");
        root = Files.createTempDirectory("berth-test-build-");
        config = new RuntimeConfig(root.resolve("state"), root.resolve("run"));
        ImageService.open(config).load(BusyboxImage.ociArchive());
        builder = ImageBuilder.open(config);
    }

    Path context(String name, Map<String, String> files) throws IOException {
        Path dir = root.resolve(name);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return dir;
    }

    /** The steps the listener saw, as "ran RUN ...", "cached COPY ...". */
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    BuildResult build(BuildRequest request) {
        events.clear();
        return builder.build(request, new BuildListener() {
            @Override
            public void stepStarted(BuildStep step) {
                events.add("ran " + step.text());
            }

            @Override
            public void cacheMiss(BuildStep step, String reason) {
                events.add("miss " + step.text() + ": " + reason);
            }

            @Override
            public void stepCached(BuildStep step) {
                events.add("cached " + step.text());
            }
        });
    }

    /** Runs a container of {@code image} with {@code command} (null: the image's own) and returns its output. */
    String run(ImageReference image, List<String> command) {
        if (runtime == null) {
            runtime = Runtimes.connect(config);
        }
        ContainerInfo info = runtime.createContainer(ContainerSpec.simple("berth-test-build-" + System.nanoTime(), image,
                command));
        runtime.startContainer(info.id());
        runtime.waitForExit(info.id(), Duration.ofSeconds(30)).orElseThrow();
        StringBuilder output = new StringBuilder();
        runtime.readLogs(info.id(), LogQuery.ALL, line -> {
            output.append(line.text()).append('\n');
            return true;
        });
        runtime.removeContainer(info.id(), true);
        return output.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            if (runtime != null) {
                for (ContainerInfo info : runtime.listContainers(Map.of())) {
                    runtime.removeContainer(info.id(), true);
                }
                runtime.close();
                Runtimes.shutdownSupervisor(config);
            }
        } finally {
            ProcessBuilder remove = new ProcessBuilder("rm", "-rf", root.toString()).inheritIO();
            try {
                remove.start().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
