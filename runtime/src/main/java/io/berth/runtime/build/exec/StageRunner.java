package io.berth.runtime.build.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.Digest;
import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildStep;
import io.berth.runtime.build.cache.CacheKey;
import io.berth.runtime.build.cache.CacheKeys;
import io.berth.runtime.build.cache.CacheRecord;
import io.berth.runtime.build.context.ContentChecksum;
import io.berth.runtime.build.plan.CopyStep;
import io.berth.runtime.build.plan.MetadataStep;
import io.berth.runtime.build.plan.RunStep;
import io.berth.runtime.build.plan.StagePlan;
import io.berth.runtime.image.BuilderStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Executes the steps of one evaluated stage over its base: each step's cache key made, a hit
 * taken as it is, a miss run (RUN in a container, COPY/ADD on the host, WORKDIR's directory) into
 * a new layer kept in the image store and recorded in the cache.
 */
final class StageRunner {
    private final BuildSession session;
    private final StepActions actions;
    private final StepNumbers numbers;

    StageRunner(BuildSession session, IntFunction<StageResult> stageResults, StepNumbers numbers) {
        this.session = session;
        this.actions = new StepActions(session, stageResults);
        this.numbers = numbers;
    }

    StageResult run(StagePlan plan, StageResult base, String stageName) {
        List<BuilderStore.Layer> layers = new ArrayList<>(base.layers());
        List<ObjectNode> history = new ArrayList<>(base.history());
        String parentKey = base.key();
        String created = base.created();
        int stepNumber = 0;
        for (io.berth.runtime.build.plan.BuildStep step : plan.steps()) {
            stepNumber++;
            StageResult current = new StageResult(layers, base.baseConfig(), step.settings(), history, parentKey, created);
            boolean makesFiles = step instanceof RunStep || step instanceof CopyStep
                    || step instanceof MetadataStep metadata && metadata.createsWorkdir() != null
                    && !ImagePaths.isDirectory(current.layerDirsTopFirst(session.store), metadata.createsWorkdir());
            if (!makesFiles) {
                if (!(step instanceof MetadataStep metadata) || metadata.inHistory()) {
                    history.add(ImageConfigWriter.historyEntry(created, step.createdBy(), true));
                }
                continue;
            }
            BuildStep shown = new BuildStep(numbers.indexOf(plan.stageIndex(), stepNumber), numbers.total(), stageName,
                    step.instruction(), session.dockerfileName + ":" + step.position().line());
            // The image name is part of the place: two services building one Dockerfile with
            // different args must each be compared with their own last build, not with each other's.
            String place = session.request.contextDir().toAbsolutePath() + "\0" + session.dockerfileName + "\0"
                    + session.request.tags().stream().findFirst().map(Object::toString).orElse("") + "\0"
                    + plan.stageIndex() + "\0" + stepNumber;
            StepOutcome outcome = runStep(step, current, parentKey, shown, place);
            if (outcome.layer() != null) {
                layers.add(outcome.layer());
            }
            created = outcome.created();
            history.add(ImageConfigWriter.historyEntry(created, step.createdBy(), outcome.layer() == null));
            parentKey = outcome.key();
        }
        return new StageResult(layers, base.baseConfig(), plan.finalSettings(), history, parentKey, created);
    }

    record StepOutcome(BuilderStore.Layer layer, String created, String key) { }

    private StepOutcome runStep(io.berth.runtime.build.plan.BuildStep step, StageResult current, String parentKey,
                                BuildStep shown, String place) {
        try (StepActions.Prepared prepared = actions.prepare(step, current)) {
            CacheKey key = StepKeys.of(parentKey, step, prepared.checksum());
            Optional<CacheRecord> hit = session.request.noCache() ? Optional.empty()
                    : session.cache.lookup(key.digest(), session.store);
            if (hit.isPresent()) {
                session.stepsCached.incrementAndGet();
                session.listener.stepCached(shown);
                session.cache.rememberKeyAt(place, key);
                return new StepOutcome(hit.get().layer(), hit.get().created(), key.digest().toString());
            }
            session.listener.cacheMiss(shown, missReason(key, place));
            session.listener.stepStarted(shown);
            long started = System.nanoTime();
            BuilderStore.Layer layer;
            try {
                layer = prepared.execute(shown);
            } catch (BuildException e) {
                session.listener.stepFailed(shown, Duration.ofNanos(System.nanoTime() - started), e.getMessage());
                throw e;
            } catch (IOException | RuntimeException e) {
                String message = shown.location() + ": " + shown.text() + ": " + (e.getMessage() == null ? e : e.getMessage());
                session.listener.stepFailed(shown, Duration.ofNanos(System.nanoTime() - started), message);
                throw new BuildException(message, e);
            }
            String created = session.now();
            session.cache.save(new CacheRecord(key, layer, created));
            session.cache.rememberKeyAt(place, key);
            session.stepsRun.incrementAndGet();
            session.listener.stepDone(shown, Duration.ofNanos(System.nanoTime() - started));
            return new StepOutcome(layer, created, key.digest().toString());
        } catch (IOException e) {
            throw new BuildException(shown.location() + ": " + shown.text() + ": " + e.getMessage(), e);
        }
    }

    private String missReason(CacheKey key, String place) {
        if (session.request.noCache()) {
            return "--no-cache";
        }
        Optional<CacheKey> previous = session.cache.lastKeyAt(place);
        if (previous.isEmpty()) {
            return "not built before";
        }
        List<String> reasons = StepKeys.explain(previous.get(), key);
        if (reasons.isEmpty()) {
            return "its cached result is no longer in the store";
        }
        return String.join("; ", reasons);
    }

    /** Step numbers across the whole build, for "[stage 3/7]". */
    interface StepNumbers {
        int indexOf(int stageIndex, int stepInStage);

        int total();
    }

    /** Deletes a step's work directory (upper, work, scratch) whatever happened. */
    static Path workDir(BuilderStore store) throws IOException {
        return Files.createTempDirectory(store.tmpDir(), "build-step-");
    }

    static Digest sha(String text) {
        return Digest.sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static ContentChecksum none() {
        return null;
    }
}
