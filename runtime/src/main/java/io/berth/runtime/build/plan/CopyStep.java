package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.SourcePosition;
import java.util.List;
import java.util.SortedMap;

/**
 * A COPY or ADD.
 *
 * @param add          true for ADD: a local tar source is extracted, an http(s) URL is downloaded
 * @param from         where the sources are: the context, a named context, a stage, an image
 * @param sources      the source patterns after substitution (wildcards as Go's filepath.Match),
 *                     relative to {@code from}'s root; for ADD possibly http(s) URLs
 *                     ({@link #isUrl})
 * @param inlineFiles  heredoc sources ({@code COPY <<EOF /path}), written as files under the destination
 * @param destination  the destination after substitution, made absolute against the WORKDIR; ends
 *                     with "/" when written so (then it is a directory)
 * @param chown        the --chown text after substitution ("user", "user:group", "1000:1000"), null
 *                     when not given; names are resolved in the stage's /etc/passwd by the executor
 * @param chmod        the --chmod text (octal, or symbolic like {@code u+x}), null when not given
 * @param link         --link
 * @param excludes     --exclude patterns
 * @param parents      --parents: keep the source's parent directories
 * @param checksum     ADD --checksum (sha256:...), null when not given
 * @param keepGitDir   ADD --keep-git-dir
 * @param unpack       ADD: whether a local archive is extracted (true, unless {@code --unpack=false})
 * @param workdir      the WORKDIR in force ("/" when none); the destination is already resolved against it
 */
public record CopyStep(SourcePosition position, String instruction, String createdBy, boolean add,
                       BuildSource from, List<String> sources, List<InlineFile> inlineFiles, String destination,
                       String chown, String chmod, boolean link, List<String> excludes, boolean parents,
                       String checksum, boolean keepGitDir, boolean unpack, String workdir, ImageSettings settings,
                       SortedMap<String, String> usedBuildArgs) implements BuildStep {
    public CopyStep {
        sources = List.copyOf(sources);
        inlineFiles = List.copyOf(inlineFiles);
        excludes = List.copyOf(excludes);
        usedBuildArgs = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(usedBuildArgs));
    }

    @Override
    public boolean emptyLayer() {
        return false;
    }

    /** True for an http:// or https:// source (ADD downloads it). */
    public static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    /** True when the destination names a directory: it ends with "/" or there are several sources. */
    public boolean destinationIsDirectory() {
        return destination.endsWith("/") || sources.size() + inlineFiles.size() > 1;
    }
}
