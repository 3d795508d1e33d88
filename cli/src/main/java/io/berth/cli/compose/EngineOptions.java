package io.berth.cli.compose;

import io.berth.cli.Invocation;
import io.berth.engine.ComposeEngine;
import io.berth.engine.ProgressListener;
import io.berth.runtime.ContainerRuntime;
import picocli.CommandLine.Option;

/** Options of every command that changes containers: --parallel and --progress. */
final class EngineOptions {
    @Option(names = "--parallel", paramLabel = "N",
            description = "Maximum parallelism, -1 for unlimited (default: COMPOSE_PARALLEL_LIMIT, else one per core).")
    Integer parallel;

    @Option(names = "--progress", paramLabel = "TYPE", defaultValue = "auto",
            description = "Progress output: auto, tty, plain, quiet.")
    String progress;

    ProgressListener listener() {
        return "quiet".equals(progress) ? ProgressListener.SILENT : new ProgressPrinter(System.err, progress);
    }

    /** An engine that can also build images (up, create, run, build). */
    ComposeEngine engine(io.berth.cli.ComposeSession session) {
        return engine(session, listener());
    }

    ComposeEngine engine(io.berth.cli.ComposeSession session, ProgressListener listener) {
        return new ComposeEngine(session.runtime(), listener, ComposeEngine.parallelism(parallel, Invocation.env()),
                session.builder());
    }

    ComposeEngine engine(ContainerRuntime runtime) {
        return new ComposeEngine(runtime, listener(), ComposeEngine.parallelism(parallel, Invocation.env()));
    }
}
