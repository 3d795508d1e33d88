package io.berth.model;

import io.berth.model.load.LoadPipeline;

/**
 * Loads Compose files into a {@link Project}, as Docker Compose v2 reads them: file discovery,
 * env files, interpolation, merge, extends, include, profiles, normalization and validation.
 */
public final class ProjectLoader {
    private ProjectLoader() {
    }

    /** Loads and validates; every problem found is in the exception, sorted. */
    public static Project load(LoadOptions options) throws ComposeProblemsException {
        return loadModel(options).project();
    }

    /** Loads and also returns the canonical tree that {@code berth config} prints. */
    public static LoadedModel loadModel(LoadOptions options) throws ComposeProblemsException {
        return new LoadPipeline(options).run();
    }
}
