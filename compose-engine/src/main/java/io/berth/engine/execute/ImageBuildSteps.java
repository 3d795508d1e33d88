package io.berth.engine.execute;

import io.berth.engine.Action;
import io.berth.engine.EngineException;
import io.berth.engine.ProgressListener;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildResult;
import io.berth.runtime.build.ImageBuilder;
import java.util.concurrent.Semaphore;

/**
 * The image steps of a plan: pulls (a service that can build goes on when its pull fails, as
 * Compose does) and builds, asked of the runtime's builder as pulls are asked of the runtime.
 */
final class ImageBuildSteps {
    /**
     * Builds at once: each build already runs its independent stages in parallel, and RUN steps
     * are CPU-bound; two keeps a second build's cache checks and I/O going while one compiles.
     */
    static final int PARALLEL_BUILDS = 2;

    private final ImageBuilder builder;
    private final ProgressListener progress;
    private final Semaphore slots = new Semaphore(PARALLEL_BUILDS);

    ImageBuildSteps(ImageBuilder builder, ProgressListener progress) {
        this.builder = builder;
        this.progress = progress;
    }

    void pull(ContainerRuntime runtime, Action.PullImage pull) {
        progress.event("Image", pull.image().familiar(), "Pulling");
        try {
            runtime.pullImage(pull.image());
        } catch (RuntimeException failed) {
            if (!pull.buildable()) {
                throw failed;
            }
            progress.notice("service " + pull.service() + ": pull of " + pull.image().familiar() + " failed ("
                    + failed.getMessage() + "); building it instead");
            return;
        }
        progress.event("Image", pull.image().familiar(), "Pulled");
    }

    void build(Action.BuildImage build) {
        if (builder == null) {
            throw new EngineException("this command cannot build images (image " + build.image().familiar() + ")");
        }
        slots.acquireUninterruptibly();
        try {
            progress.event("Image", build.image().familiar(), "Building");
            BuildResult result = builder.build(build.request(), progress.build(build.service(), build.image().familiar()));
            progress.event("Image", build.image().familiar(), "Built");
            if (result == null) {
                throw new EngineException("the builder returned no image for " + build.image().familiar());
            }
        } catch (BuildException failed) {
            throw new EngineException(build.describe() + " failed:\n" + failed.getMessage(), failed);
        } finally {
            slots.release();
        }
    }
}
