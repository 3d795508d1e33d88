package io.berth.runtime.build.exec;

import io.berth.runtime.build.BuildRequest;
import io.berth.runtime.build.plan.BuildSource;
import io.berth.runtime.image.BuilderStore;
import java.util.List;
import java.util.function.IntFunction;

/** The layers of a COPY --from source that is a stage or an image (its whole content), else null. */
final class LayeredSources {
    private LayeredSources() {
    }

    static List<BuilderStore.Layer> layersOf(BuildSession session, IntFunction<StageResult> stageResults, BuildSource from) {
        if (from instanceof BuildSource.StageOutput stage) {
            return stageResults.apply(stage.stageIndex()).layers();
        }
        if (from instanceof BuildSource.Image image) {
            return session.image(image.reference()).layers();
        }
        if (from instanceof BuildSource.NamedContext named
                && session.request.namedContexts().get(named.name()) instanceof BuildRequest.NamedContext.Image image) {
            return session.image(image.reference().canonical()).layers();
        }
        return null;
    }
}
