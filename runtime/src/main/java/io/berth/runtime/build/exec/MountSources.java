package io.berth.runtime.build.exec;

import io.berth.runtime.build.BuildRequest;
import io.berth.runtime.build.plan.BuildSource;
import java.util.function.IntFunction;

/** What identifies the content of a RUN --mount from= source, for the cache mount it seeds. */
final class MountSources {
    private MountSources() {
    }

    /**
     * A stage's or an image's key (its content), a named directory's or the context's path (their
     * content is not snapshotted: a cache seeded from them is seeded once, as long as it exists).
     */
    static String identity(BuildSession session, IntFunction<StageResult> stageResults, BuildSource from) {
        if (from instanceof BuildSource.StageOutput stage) {
            return "stage:" + stageResults.apply(stage.stageIndex()).key();
        }
        if (from instanceof BuildSource.Image image) {
            return "image:" + session.image(image.reference()).key();
        }
        if (from instanceof BuildSource.NamedContext named) {
            BuildRequest.NamedContext context = session.request.namedContexts().get(named.name());
            if (context instanceof BuildRequest.NamedContext.Image image) {
                return "image:" + session.image(image.reference().canonical()).key();
            }
            if (context instanceof BuildRequest.NamedContext.Directory directory) {
                return "dir:" + directory.path().toAbsolutePath();
            }
        }
        if (from instanceof BuildSource.Scratch) {
            return "scratch";
        }
        return "context:" + session.request.contextDir().toAbsolutePath();
    }
}
