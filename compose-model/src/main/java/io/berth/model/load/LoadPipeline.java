package io.berth.model.load;

import io.berth.model.ComposeProblemsException;
import io.berth.model.LoadOptions;
import io.berth.model.LoadedModel;
import io.berth.model.Problem;

/** The loading phases in order. */
public final class LoadPipeline {
    private final LoadOptions options;

    public LoadPipeline(LoadOptions options) {
        this.options = options;
    }

    public LoadedModel run() throws ComposeProblemsException {
        throw new ComposeProblemsException(new Problem(null, 0, 0, "", "not implemented yet"));
    }
}
