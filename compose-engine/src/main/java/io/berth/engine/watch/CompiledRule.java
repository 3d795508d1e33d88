package io.berth.engine.watch;

import io.berth.model.BuildConfig;
import io.berth.model.WatchRule;
import io.berth.runtime.ContainerFileSync;
import io.berth.runtime.build.PathPatterns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One watch rule of one service with its matchers, as Docker Compose v2 applies them: a changed
 * path counts when it is the rule's path or under it, matches {@code include} (when given), and is
 * matched by none of the rule's {@code ignore}, the build context's .dockerignore, editors' scratch
 * files and {@code .git} directories.
 *
 * @param contextDir the service's build context (its .dockerignore applies), null without build:
 */
public record CompiledRule(String service, WatchRule rule, PathPatterns ignore, PathPatterns include,
                           PathPatterns dockerIgnore, Path contextDir) {

    /** @throws IOException the .dockerignore cannot be read or holds a bad pattern */
    public static CompiledRule of(String service, WatchRule rule, BuildConfig build) throws IOException {
        Path context = null;
        PathPatterns dockerIgnore = PathPatterns.none();
        if (build != null && build.context() != null && !build.context().contains("://")) {
            context = Path.of(build.context());
            Path dockerfile = build.dockerfile() == null ? context.resolve("Dockerfile") : context.resolve(build.dockerfile());
            dockerIgnore = PathPatterns.dockerIgnore(context, dockerfile);
        }
        return new CompiledRule(service, rule, PathPatterns.of(rule.ignore()), PathPatterns.of(rule.include()),
                dockerIgnore, context);
    }

    /** The change as a sync mapping (container path null when the rule has no target), or empty when the rule does not take it. */
    public Optional<ContainerFileSync.Mapping> match(Path changed) {
        Path root = rule.path();
        if (!changed.startsWith(root)) {
            return Optional.empty();
        }
        String relative = slashes(root.relativize(changed));
        if (EditorFiles.isScratch(changed) || insideGit(relative)) {
            return Optional.empty();
        }
        if (!relative.isEmpty()) {
            if (!include.isEmpty() && !include.matches(relative)) {
                return Optional.empty();
            }
            if (ignore.matches(relative)) {
                return Optional.empty();
            }
        }
        if (contextDir != null && changed.startsWith(contextDir) && !changed.equals(contextDir)
                && dockerIgnore.matches(slashes(contextDir.relativize(changed)))) {
            return Optional.empty();
        }
        String target = rule.target();
        String containerPath = target == null ? null
                : relative.isEmpty() ? target : (target.endsWith("/") ? target : target + "/") + relative;
        return Optional.of(new ContainerFileSync.Mapping(changed, containerPath));
    }

    /** True when a watcher need not look into this directory at all (.git, or covered by an ignore pattern). */
    public boolean skipsDirectory(Path directory) {
        if (!directory.startsWith(rule.path()) || directory.equals(rule.path())) {
            return false;
        }
        String relative = slashes(rule.path().relativize(directory));
        return insideGit(relative) || (!ignore.isEmpty() && ignore.coversDirectory(relative));
    }

    private static boolean insideGit(String relative) {
        return relative.equals(".git") || relative.startsWith(".git/") || relative.contains("/.git/") || relative.endsWith("/.git");
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
