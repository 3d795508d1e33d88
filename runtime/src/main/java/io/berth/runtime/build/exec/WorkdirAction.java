package io.berth.runtime.build.exec;

import io.berth.runtime.build.BuildStep;
import io.berth.runtime.build.plan.MetadataStep;
import io.berth.runtime.container.UserResolver;
import io.berth.runtime.image.BuilderStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** WORKDIR of a directory the image lacks: BuildKit creates it, owned by the USER in force. */
final class WorkdirAction extends StepActions.Action {
    private final MetadataStep step;

    WorkdirAction(BuildSession session, MetadataStep step, StageResult current, Path workDir, List<AutoCloseable> resources) {
        super(session, current, workDir, resources);
        this.step = step;
    }

    @Override
    public BuilderStore.Layer execute(BuildStep shown) throws IOException {
        List<Path> layers = layerDirs();
        String user = current.settings().user();
        Optional<int[]> ids = Optional.empty();
        if (!user.isEmpty()) {
            UserResolver.ResolvedUser resolved = UserResolver.resolve(user, RootFiles.readOrEmpty(layers, "/etc/passwd"),
                    RootFiles.readOrEmpty(layers, "/etc/group"));
            ids = Optional.of(new int[] {resolved.uid(), resolved.gid()});
        }
        Path changes = Files.createDirectory(workDir.resolve("changes"));
        new CopyExecutor(layers, changes, new CopyOwner(ids, Optional.empty()))
                .ensureDirectory(ImagePaths.resolveAll(layers, step.createsWorkdir()));
        return LayerMaker.store(session.store, changes, session.fixedTime());
    }
}
