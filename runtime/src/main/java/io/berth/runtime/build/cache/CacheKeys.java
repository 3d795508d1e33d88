package io.berth.runtime.build.cache;

import io.berth.runtime.Digest;
import io.berth.runtime.build.context.ContentChecksum;
import io.berth.runtime.build.plan.BuildStep;
import io.berth.runtime.build.plan.CopyStep;
import io.berth.runtime.build.plan.InlineFile;
import io.berth.runtime.build.plan.MetadataStep;
import io.berth.runtime.build.plan.RunMount;
import io.berth.runtime.build.plan.RunStep;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Makes step cache keys as BuildKit keys steps (the parent's key, the instruction after
 * substitution with what else changes its result, the build args it uses, and for COPY/ADD the
 * selected files' checksum), and explains why two keys differ.
 */
public final class CacheKeys {
    private static final int MAX_FILES_NAMED = 5;

    private CacheKeys() {
    }

    /**
     * The key of {@code step} after a parent with key {@code parentKey}.
     *
     * @param checksum for COPY/ADD the selected files' checksum, else null; for ADD of a URL the
     *                 executor passes a checksum of the downloaded content
     */
    public static CacheKey of(String parentKey, BuildStep step, ContentChecksum checksum) {
        String instruction = instructionText(step);
        SortedMap<String, String> buildArgs = new TreeMap<>(step.usedBuildArgs());
        SortedMap<String, String> files = checksum == null ? new TreeMap<>() : new TreeMap<>(checksum.files());
        StringBuilder text = new StringBuilder();
        text.append("parent ").append(parentKey).append('\n');
        text.append("instruction ").append(instruction).append('\n');
        buildArgs.forEach((name, value) -> text.append("arg ").append(name).append('=').append(value).append('\n'));
        text.append("files ").append(checksum == null ? "" : checksum.digest().toString()).append('\n');
        Digest digest = Digest.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
        return new CacheKey(digest, parentKey, instruction, buildArgs, files);
    }

    /** Everything besides build args and files that decides a step's result, as one text. */
    static String instructionText(BuildStep step) {
        if (step instanceof RunStep run) {
            List<String> env = new ArrayList<>();
            for (String entry : run.env()) {
                String name = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : entry;
                if (!run.usedBuildArgs().containsKey(name)) {
                    env.add(entry);
                }
            }
            StringBuilder text = new StringBuilder("RUN ").append(String.join("\u0000", run.argv()))
                    .append("\nenv ").append(String.join("\u0000", env))
                    .append("\nuser ").append(run.user()).append("\nworkdir ").append(run.workdir())
                    .append("\nnetwork ").append(run.network());
            for (RunMount mount : run.mounts()) {
                text.append("\nmount ").append(mount);
            }
            inline(text, run.inlineFiles());
            return text.toString();
        }
        if (step instanceof CopyStep copy) {
            StringBuilder text = new StringBuilder(copy.add() ? "ADD" : "COPY").append(" from ").append(copy.from())
                    .append("\nsources ").append(String.join("\u0000", copy.sources()))
                    .append("\ndestination ").append(copy.destination()).append("\nchown ").append(copy.chown())
                    .append("\nchmod ").append(copy.chmod()).append("\nlink ").append(copy.link())
                    .append("\nexclude ").append(String.join("\u0000", copy.excludes()))
                    .append("\nparents ").append(copy.parents()).append("\nchecksum ").append(copy.checksum())
                    .append("\nunpack ").append(copy.unpack()).append("\nkeep-git-dir ").append(copy.keepGitDir());
            inline(text, copy.inlineFiles());
            return text.toString();
        }
        MetadataStep metadata = (MetadataStep) step;
        String text = metadata.createdBy();
        if (metadata.createsWorkdir() != null) {
            text += "\nmkdir " + metadata.createsWorkdir() + " user " + metadata.settings().user();
        }
        return text;
    }

    private static void inline(StringBuilder text, List<InlineFile> files) {
        for (InlineFile file : files) {
            text.append("\ninline ").append(file.path()).append(' ').append(Integer.toOctalString(file.mode()))
                    .append(' ').append(Digest.sha256(file.content().getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * Why {@code current} differs from {@code previous} (the key of the same step in an earlier
     * build), most specific first, e.g. {@code src/app.py changed}, {@code build arg VERSION
     * changed}, {@code the instruction changed}, {@code an earlier step changed}; empty when equal.
     */
    public static List<String> explain(CacheKey previous, CacheKey current) {
        List<String> reasons = new ArrayList<>();
        if (previous == null) {
            reasons.add("not built before");
            return reasons;
        }
        if (previous.digest().equals(current.digest())) {
            return reasons;
        }
        reasons.addAll(fileReasons(previous.files(), current.files()));
        for (String name : new TreeSet<>(union(previous.buildArgs(), current.buildArgs()))) {
            String before = previous.buildArgs().get(name);
            String after = current.buildArgs().get(name);
            if (before == null) {
                reasons.add("build arg " + name + " is now used");
            } else if (after == null) {
                reasons.add("build arg " + name + " is no longer used");
            } else if (!before.equals(after)) {
                reasons.add("build arg " + name + " changed");
            }
        }
        if (!previous.instruction().equals(current.instruction())) {
            reasons.add("the instruction changed");
        }
        if (reasons.isEmpty()) {
            reasons.add(previous.parent().equals(current.parent()) ? "its inputs changed" : "an earlier step changed");
        }
        return reasons;
    }

    private static List<String> fileReasons(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        for (String path : new TreeSet<>(union(before, after))) {
            String old = before.get(path);
            String now = after.get(path);
            if (old == null) {
                changes.add(path + " added");
            } else if (now == null) {
                changes.add(path + " removed");
            } else if (!old.equals(now)) {
                changes.add(path + " changed");
            }
        }
        if (changes.size() > MAX_FILES_NAMED) {
            int more = changes.size() - MAX_FILES_NAMED;
            changes = new ArrayList<>(changes.subList(0, MAX_FILES_NAMED));
            changes.add("and " + more + " more file" + (more == 1 ? "" : "s") + " changed");
        }
        return changes;
    }

    private static TreeSet<String> union(Map<String, String> a, Map<String, String> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        return names;
    }
}
