package io.berth.runtime.build.exec;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.build.BuildCachePrune;
import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildListener;
import io.berth.runtime.build.BuildRequest;
import io.berth.runtime.build.BuildResult;
import io.berth.runtime.build.ImageBuilder;
import io.berth.runtime.build.cache.BuildCacheStore;
import io.berth.runtime.build.cache.CacheRecord;
import io.berth.runtime.build.context.DockerIgnoreFiles;
import io.berth.runtime.build.context.IgnorePatterns;
import io.berth.runtime.build.dockerfile.Dockerfile;
import io.berth.runtime.build.dockerfile.DockerfileException;
import io.berth.runtime.build.dockerfile.DockerfileParser;
import io.berth.runtime.build.plan.BuildOptions;
import io.berth.runtime.build.plan.BuildPlanner;
import io.berth.runtime.build.plan.BuildPlatform;
import io.berth.runtime.build.plan.StageGraph;
import io.berth.runtime.build.plan.StagePlan;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.image.BuilderStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The builder whose RUN steps are containers of Berth's runtime: parse (build-front's parser),
 * plan the stages the target needs, execute them ({@link StagesExecution}), write the image
 * config and commit it into the image store under the request's tags.
 */
public final class KernelImageBuilder implements ImageBuilder {
    private final RuntimeConfig config;
    private final RegistrySettings registries;
    private final KernelContainerLauncher launcher;

    private KernelImageBuilder(RuntimeConfig config, RegistrySettings registries, KernelContainerLauncher launcher) {
        this.config = config;
        this.registries = Objects.requireNonNull(registries, "registries");
        this.launcher = launcher;
    }

    public static ImageBuilder open(RuntimeConfig config, RegistrySettings registries) {
        return new KernelImageBuilder(config, registries, null);
    }

    @Override
    public BuildResult build(BuildRequest request, BuildListener listener) {
        long started = System.nanoTime();
        Objects.requireNonNull(listener, "listener");
        if (!Files.isDirectory(request.contextDir())) {
            throw new BuildException(List.of("build context " + request.contextDir() + ": not a directory"));
        }
        try {
            BuilderStore store = BuilderStore.open(config.stateRoot());
            BuildCacheStore cache = new BuildCacheStore(config.stateRoot());
            DockerfileText text = DockerfileText.read(request);
            Dockerfile dockerfile = DockerfileParser.parse(text.name(), text.content());
            BuildOptions options = new BuildOptions(request.buildArgs(), request.target().orElse(null),
                    BuildPlatform.host(), request.namedContexts().keySet());
            BuildPlanner planner = new BuildPlanner(dockerfile, options);
            StageGraph graph = planner.graph();
            IgnorePatterns ignore = ignorePatterns(request, text);
            KernelContainerLauncher kernel = launcher != null ? launcher : new KernelContainerLauncher();
            RunContainer runner = new RunContainer(config, kernel);
            BuildSession session = new BuildSession(request, store, cache, listener, runner, ignore, text.name(),
                    registries);
            List<StagePlan> plans = StagePlans.evaluate(session, planner, graph);
            StageResult target;
            try {
                target = new StagesExecution(session, graph, plans).run();
            } finally {
                try {
                    session.contextDigests.save();
                } catch (IOException hint) {
                    // only remembered digests: the next build reads those files again
                }
            }
            listener.exporting("writing image");
            byte[] configJson = ImageConfigWriter.write(target, request.labels());
            ImageInfo image = store.commit(configJson, target.layers(), request.tags());
            listener.exporting("image " + image.id());
            return new BuildResult(image.id(), request.tags(), session.stepsRun.get(), session.stepsCached.get(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (DockerfileException e) {
            throw new BuildException(e.problems());
        } catch (IOException e) {
            throw new BuildException("build: " + e.getMessage(), e);
        }
    }

    @Override
    public BuildCachePrune prune() {
        try {
            BuilderStore store = BuilderStore.open(config.stateRoot());
            BuildCacheStore cache = new BuildCacheStore(config.stateRoot());
            List<BuilderStore.Layer> layers = cache.all().stream().map(CacheRecord::layer)
                    .filter(Objects::nonNull).distinct().toList();
            long[] cleared = cache.clear();
            long freed = store.deleteUnused(layers) + cleared[2];
            Trees.deleteQuietly(config.runRoot().resolve("builder"));
            BuildNetworkAccess.removeIfUnused(config);
            return new BuildCachePrune((int) cleared[0], (int) cleared[1], freed);
        } catch (IOException e) {
            throw new BuildException("prune the build cache: " + e.getMessage(), e);
        }
    }

    private static IgnorePatterns ignorePatterns(BuildRequest request, DockerfileText text) throws IOException {
        return DockerIgnoreFiles.load(request.contextDir(), text.path());
    }

    /** The Dockerfile's text, the name its positions use, and its path (null when inline). */
    record DockerfileText(String name, String content, Path path) {
        static DockerfileText read(BuildRequest request) throws IOException {
            if (request.dockerfile() instanceof BuildRequest.DockerfileSource.Inline inline) {
                return new DockerfileText(inline.displayName(), inline.text(), null);
            }
            Path path = ((BuildRequest.DockerfileSource.File) request.dockerfile()).path();
            Path resolved = path.isAbsolute() ? path : request.contextDir().resolve(path);
            if (!Files.isRegularFile(resolved)) {
                throw new BuildException(List.of(resolved + ": no such Dockerfile (give another with -f)"));
            }
            return new DockerfileText(resolved.getFileName().toString(), Files.readString(resolved), resolved);
        }
    }
}
