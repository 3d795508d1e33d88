package io.berth.runtime.build.exec;

import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildRequest;
import io.berth.runtime.build.context.IgnorePatterns;
import io.berth.runtime.build.plan.BuildSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Where a COPY --from or RUN --mount from= reads: the context (with its .dockerignore), a named
 * context directory, or the root of a stage or image (a read-only overlay, unmounted when the step
 * ends).
 *
 * @param keepOwners entries keep their uid/gid (stage, image), else they become root's (context)
 */
record SourceRoots(Path dir, IgnorePatterns ignore, boolean keepOwners) {

    static SourceRoots open(BuildSession session, IntFunction<StageResult> stageResults, BuildSource from,
                            Path workDir, List<AutoCloseable> resources) throws IOException {
        if (from == null || from instanceof BuildSource.Context) {
            return new SourceRoots(session.request.contextDir(), session.ignore, false);
        }
        if (from instanceof BuildSource.NamedContext named) {
            BuildRequest.NamedContext context = session.request.namedContexts().get(named.name());
            if (context instanceof BuildRequest.NamedContext.Directory directory) {
                return new SourceRoots(directory.path(), IgnorePatterns.none(), false);
            }
            if (context instanceof BuildRequest.NamedContext.Image image) {
                return layered(session, session.image(image.reference().canonical()), workDir, resources);
            }
            throw new BuildException("no additional context named \"" + named.name() + "\" was given", null);
        }
        if (from instanceof BuildSource.StageOutput stage) {
            return layered(session, stageResults.apply(stage.stageIndex()), workDir, resources);
        }
        if (from instanceof BuildSource.Image image) {
            return layered(session, session.image(image.reference()), workDir, resources);
        }
        return new SourceRoots(Files.createDirectories(workDir.resolve("scratch-source")), IgnorePatterns.none(), true);
    }

    private static SourceRoots layered(BuildSession session, StageResult stage, Path workDir,
                                       List<AutoCloseable> resources) throws IOException {
        Path mountPoint = workDir.resolve("source-" + resources.size());
        MergedRoot root = MergedRoot.of(stage.layerDirsTopFirst(session.store), mountPoint);
        resources.add(root);
        return new SourceRoots(root.dir(), IgnorePatterns.none(), true);
    }

    /**
     * {@code relative} inside this root, refusing ".." out of it and symlinks (a bind mount's source
     * must not lead out of the context).
     */
    Path inside(String relative) throws IOException {
        Path root = dir.toRealPath();
        Path candidate = root.resolve(relative.replaceAll("^/+", "")).normalize();
        if (!candidate.startsWith(root)) {
            throw new IOException(relative + ": outside of the source");
        }
        Path real = Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) ? candidate.toRealPath() : candidate;
        if (!real.startsWith(root)) {
            throw new IOException(relative + ": a symlink leads out of the source");
        }
        return real;
    }
}
