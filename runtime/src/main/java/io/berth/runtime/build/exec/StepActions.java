package io.berth.runtime.build.exec;

import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildListener;
import io.berth.runtime.build.BuildStep;
import io.berth.runtime.build.context.ContentChecksum;
import io.berth.runtime.build.plan.CopyStep;
import io.berth.runtime.build.plan.MetadataStep;
import io.berth.runtime.build.plan.RunStep;
import io.berth.runtime.image.BuilderStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Prepares a step (what its cache key needs: for COPY/ADD the sources selected and checksummed)
 * and executes it on a miss. A prepared step owns a work directory and the mounts it made, freed
 * on close whatever happened.
 */
final class StepActions {
    private final BuildSession session;
    private final IntFunction<StageResult> stageResults;

    StepActions(BuildSession session, IntFunction<StageResult> stageResults) {
        this.session = session;
        this.stageResults = stageResults;
    }

    interface Prepared extends AutoCloseable {
        /** For COPY/ADD the selected files' checksum, else null. */
        ContentChecksum checksum();

        /** Runs the step; the new layer, or null when it changed nothing. */
        BuilderStore.Layer execute(BuildStep shown) throws IOException;

        @Override
        void close() throws IOException;
    }

    Prepared prepare(io.berth.runtime.build.plan.BuildStep step, StageResult current) throws IOException {
        Path workDir = StageRunner.workDir(session.store);
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Prepared prepared;
            if (step instanceof RunStep run) {
                prepared = new RunAction(session, stageResults, run, current, workDir, resources);
            } else if (step instanceof CopyStep copy) {
                prepared = new CopyAction(session, stageResults, copy, current, workDir, resources);
            } else {
                prepared = new WorkdirAction(session, (MetadataStep) step, current, workDir, resources);
            }
            return prepared;
        } catch (IOException | RuntimeException e) {
            closeAll(resources, workDir);
            throw e;
        }
    }

    static void closeAll(List<AutoCloseable> resources, Path workDir) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // keep closing the rest: a mount left behind is worse than a lost message
            }
        }
        resources.clear();
        Trees.deleteQuietly(workDir);
    }

    /** Base of the three actions: the work directory and resources freed on close. */
    abstract static class Action implements Prepared {
        final BuildSession session;
        final StageResult current;
        final Path workDir;
        final List<AutoCloseable> resources;

        Action(BuildSession session, StageResult current, Path workDir, List<AutoCloseable> resources) {
            this.session = session;
            this.current = current;
            this.workDir = workDir;
            this.resources = resources;
        }

        List<Path> layerDirs() {
            return current.layerDirsTopFirst(session.store);
        }

        @Override
        public ContentChecksum checksum() {
            return null;
        }

        @Override
        public void close() {
            closeAll(resources, workDir);
        }

        static BuildListener.OutputStream stream(boolean stderr) {
            return stderr ? BuildListener.OutputStream.STDERR : BuildListener.OutputStream.STDOUT;
        }

        static BuildException problem(BuildStep shown, String message) {
            return new BuildException(shown.location() + ": " + shown.text() + ": " + message, null);
        }
    }
}
