package io.berth.runtime.build.exec;

import io.berth.runtime.Digest;
import io.berth.runtime.build.context.ContentChecksum;
import io.berth.runtime.build.context.CopySelection;
import io.berth.runtime.build.context.SourceSelectionException;
import io.berth.runtime.build.context.SourceSelector;
import io.berth.runtime.build.plan.BuildSource;
import io.berth.runtime.build.plan.RunMount;
import io.berth.runtime.build.plan.RunStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * What a RUN reads through its bind mounts (and cache mounts seeded from a source), for its cache
 * key, as BuildKit keys a mount by its content: the context's or a named directory's selected
 * files (as a COPY of the same source would checksum them), a stage's or an image's key. Null
 * when the step mounts nothing of the kind.
 */
final class RunMountsChecksum {
    private RunMountsChecksum() {
    }

    static ContentChecksum of(BuildSession session, IntFunction<StageResult> stageResults, RunStep step) throws IOException {
        MessageDigest all = Digest.newSha256();
        SortedMap<String, String> files = new TreeMap<>();
        boolean any = false;
        for (RunMount mount : step.mounts()) {
            boolean reads = mount.type() == RunMount.Type.BIND || mount.type() == RunMount.Type.CACHE && mount.from() != null;
            if (!reads) {
                continue;
            }
            any = true;
            String prefix = "mount " + mount.target() + ": ";
            BuildSource from = mount.from();
            boolean directory = from == null || from instanceof BuildSource.Context
                    || from instanceof BuildSource.NamedContext named && session.request.namedContexts().get(named.name())
                    instanceof io.berth.runtime.build.BuildRequest.NamedContext.Directory;
            String part;
            if (directory) {
                ContentChecksum content = contentOf(session, stageResults, from, mount.source());
                content.files().forEach((path, digest) -> files.put(prefix + path, digest));
                part = content.digest().toString();
            } else {
                part = MountSources.identity(session, stageResults, from) + " " + mount.source();
                files.put(prefix + mount.source(), Digest.sha256(part.getBytes(StandardCharsets.UTF_8)).toString());
            }
            all.update((prefix + part + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return any ? new ContentChecksum(Digest.of(all.digest()), files) : null;
    }

    private static ContentChecksum contentOf(BuildSession session, IntFunction<StageResult> stageResults, BuildSource from,
                                             String source) throws IOException {
        SourceRoots root = SourceRoots.open(session, stageResults, from, null, List.of());
        try {
            CopySelection selection = SourceSelector.select(root.dir(), root.ignore(),
                    List.of(source == null || source.isEmpty() ? "." : source), List.of(), false, "/mount/", path -> false);
            return ContentChecksum.of(root.dir(), selection, session.contextDigests);
        } catch (SourceSelectionException missing) {
            // the step itself reports it when it runs; a missing source keys as such
            return ContentChecksum.ofContent("(missing) " + source, new byte[0]);
        }
    }
}
