package io.berth.runtime.build.exec;

import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildStep;
import io.berth.runtime.build.context.ContentChecksum;
import io.berth.runtime.build.context.CopySelection;
import io.berth.runtime.build.context.FileDigestCache;
import io.berth.runtime.build.context.IgnorePatterns;
import io.berth.runtime.build.context.SourceSelectionException;
import io.berth.runtime.build.context.SourceSelector;
import io.berth.runtime.build.plan.CopyStep;
import io.berth.runtime.image.BuilderStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A COPY or ADD: prepared by selecting its sources (downloading ADD's URLs) and checksumming
 * them for the cache key; executed by writing them into a fresh layer on the host.
 */
final class CopyAction extends StepActions.Action {
    private final CopyStep step;
    private final IntFunction<StageResult> stageResults;
    private SourceRoots root;
    private CopySelection selection;
    private final ContentChecksum checksum;

    CopyAction(BuildSession session, IntFunction<StageResult> stageResults, CopyStep step, StageResult current,
               Path workDir, List<AutoCloseable> resources) throws IOException {
        super(session, current, workDir, resources);
        this.step = step;
        this.stageResults = stageResults;
        List<String> urls = step.sources().stream().filter(CopyStep::isUrl).toList();
        try {
            if (!urls.isEmpty()) {
                if (urls.size() != step.sources().size()) {
                    throw new BuildException(where() + ": ADD of URLs and local files together is not supported"
                            + " (use one ADD for each)", null);
                }
                Path downloads = Files.createDirectories(workDir.resolve("downloads"));
                List<String> names = new ArrayList<>();
                for (String url : urls) {
                    names.add(UrlDownloads.download(url, downloads, step.checksum()));
                }
                root = new SourceRoots(downloads, IgnorePatterns.none(), false);
                selection = SourceSelector.select(downloads, IgnorePatterns.none(), names, List.of(), false,
                        step.destination(), path -> ImagePaths.isDirectory(layerDirs(), path));
                checksum = ContentChecksum.of(root.dir(), selection);
                return;
            }
            // a stage's or image's files are a function of its layers: their checksum is remembered by the
            // layers' digests, so that a rebuild does not mount and read them again
            String memo = layeredSourceMemo(stageResults);
            java.util.Optional<ContentChecksum> remembered = memo == null ? java.util.Optional.empty()
                    : session.cache.copyChecksum(memo);
            if (remembered.isPresent()) {
                checksum = remembered.get();
                return;
            }
            select();
            // context and named-context files are remembered by path and stamp; a stage's or image's are read
            checksum = ContentChecksum.of(root.dir(), selection,
                    !root.keepOwners() ? session.contextDigests : FileDigestCache.none());
            if (memo != null) {
                session.cache.rememberCopyChecksum(memo, checksum);
            }
        } catch (SourceSelectionException e) {
            throw new BuildException(where() + ": " + e.getMessage(), e);
        }
    }

    /** Opens the source root (mounting a stage's or image's layers) and selects the step's sources in it. */
    private void select() throws IOException, SourceSelectionException {
        root = SourceRoots.open(session, stageResults, step.from(), workDir, resources);
        List<Path> layers = layerDirs();
        selection = step.sources().isEmpty() ? new CopySelection(List.of(), List.of())
                : SourceSelector.select(root.dir(), root.ignore(), step.sources(), step.excludes(), step.parents(),
                        step.destination(), path -> ImagePaths.isDirectory(layers, path));
    }

    /**
     * For a source in a stage or an image: what decides the selection's checksum (the source's
     * layers, the destination stage's layers for the destination rules, the step's sources,
     * excludes, --parents and destination); null for the context and named directories.
     */
    private String layeredSourceMemo(IntFunction<StageResult> stageResults) {
        List<BuilderStore.Layer> sourceLayers = LayeredSources.layersOf(session, stageResults, step.from());
        if (sourceLayers == null) {
            return null;
        }
        StringBuilder text = new StringBuilder("copy-checksum v1\n");
        sourceLayers.forEach(layer -> text.append("source ").append(layer.diffId()).append('\n'));
        current.layers().forEach(layer -> text.append("destination ").append(layer.diffId()).append('\n'));
        step.sources().forEach(source -> text.append("src ").append(source).append('\n'));
        step.excludes().forEach(exclude -> text.append("exclude ").append(exclude).append('\n'));
        text.append("parents ").append(step.parents()).append("\ndest ").append(step.destination()).append('\n');
        return text.toString();
    }

    private String where() {
        return session.dockerfileName + ":" + step.position().line() + ": " + step.instruction();
    }

    @Override
    public ContentChecksum checksum() {
        return checksum;
    }

    @Override
    public BuilderStore.Layer execute(BuildStep shown) throws IOException {
        if (selection == null) {
            try {
                select();
            } catch (SourceSelectionException e) {
                throw new BuildException(where() + ": " + e.getMessage(), e);
            }
        }
        List<Path> layers = layerDirs();
        CopyOwner owner;
        try {
            owner = CopyOwner.parse(step.chown(), step.chmod(), RootFiles.readOrEmpty(layers, "/etc/passwd"),
                    RootFiles.readOrEmpty(layers, "/etc/group"));
        } catch (IllegalArgumentException e) {
            throw problem(shown, e.getMessage());
        }
        Path changes = Files.createDirectory(workDir.resolve("changes"));
        CopyExecutor copier = new CopyExecutor(layers, changes, owner);
        boolean extract = step.add() && step.unpack() && !step.sources().stream().anyMatch(CopyStep::isUrl);
        copier.copy(root.dir(), selection, root.keepOwners(), extract ? new TarExtractor() : null);
        if (!step.inlineFiles().isEmpty()) {
            copier.writeInline(step.inlineFiles(), step.destination(), step.destinationIsDirectory(),
                    session.fixedTime().orElse(Instant.now()));
        }
        return LayerMaker.store(session.store, changes, session.fixedTime());
    }
}
