package io.berth.runtime.build.plan;

/**
 * Where files (COPY/ADD {@code --from}, {@code RUN --mount from=}) or a stage's base come from.
 * BuildKit resolves a name in this order: a named context (Compose {@code additional_contexts}),
 * a stage name, a stage index, an image reference.
 */
public sealed interface BuildSource {
    /** The main build context (the directory given to the build, after .dockerignore). */
    record Context() implements BuildSource {
    }

    /** A named context given with the build (Compose {@code additional_contexts}). */
    record NamedContext(String name) implements BuildSource {
    }

    /** The result (root file system, and for a base: the settings) of an earlier stage. */
    record StageOutput(int stageIndex) implements BuildSource {
    }

    /** An image, pulled if missing; {@code reference} as written after substitution. */
    record Image(String reference) implements BuildSource {
    }

    /** {@code FROM scratch}: no files, no settings. */
    record Scratch() implements BuildSource {
    }
}
