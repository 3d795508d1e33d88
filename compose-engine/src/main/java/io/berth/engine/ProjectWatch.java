package io.berth.engine;

import io.berth.engine.watch.CompiledRule;
import io.berth.engine.watch.WatchActions;
import io.berth.engine.watch.WatchBatch;
import io.berth.engine.watch.WatchLoop;
import io.berth.model.Project;
import io.berth.model.WatchRule;
import io.berth.runtime.ImageService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code berth watch} and {@code up --watch} (docs/watch.md): the {@code develop.watch} rules of the
 * selected services acted on as Docker Compose v2 does: changed files synced into every running
 * container of the service (deletions too), services restarted, exec hooks run, images rebuilt and
 * containers recreated. Runs until {@link #close()} (Ctrl-C) or the thread is interrupted.
 */
public final class ProjectWatch implements AutoCloseable {
    /**
     * How long the watch waits after a change for more before acting. An editor's save is a write
     * and a close, or a write to a temporary file and a rename, all within a few milliseconds, and
     * a checkout's writes come closer together than this, so batches stay whole; Compose waits
     * 500 ms, five times the 100 ms from save to container the issue asks (docs/watch.md). 50 ms
     * was tried first: the wait alone was then two thirds of the median on a loaded machine.
     */
    public static final Duration QUIET_PERIOD = Duration.ofMillis(20);
    /** A stream of changes that never pauses is still acted on this often. */
    public static final Duration LONGEST_BATCH = Duration.ofSeconds(1);

    private final List<CompiledRule> rules;
    private final WatchActions actions;
    private final Consumer<String> out;
    private volatile WatchLoop loop;
    private volatile boolean closed;

    /**
     * @param rules  service name to its rules (only the services to watch)
     * @param images the store whose dangling images a rebuild prunes (--prune), or null
     * @param out    the watch's own lines ("Watch enabled", "Syncing service ...")
     * @throws IOException a .dockerignore that cannot be read or holds a bad pattern
     */
    public ProjectWatch(ComposeEngine engine, Project project, DesiredProject desired,
                        Map<String, List<WatchRule>> rules, ImageService images, Consumer<String> out) throws IOException {
        List<CompiledRule> compiled = new ArrayList<>();
        for (var entry : rules.entrySet()) {
            for (WatchRule rule : entry.getValue()) {
                if (rule.action().syncs() && boundIntoTheContainer(project.service(entry.getKey()), rule.path())) {
                    // as Compose: the container already sees these files through its bind mount
                    out.accept("path '" + rule.path() + "' also declared by a bind mount volume, this path won't be monitored!");
                    continue;
                }
                compiled.add(CompiledRule.of(entry.getKey(), rule, project.service(entry.getKey()).build()));
            }
        }
        this.rules = List.copyOf(compiled);
        this.actions = new WatchActions(engine, desired, images, out);
        this.out = out;
    }

    private static boolean boundIntoTheContainer(io.berth.model.Service service, Path path) {
        return service.volumes().stream().anyMatch(volume -> "bind".equals(volume.type()) && volume.source() != null
                && path.startsWith(Path.of(volume.source())));
    }

    /**
     * Problems that stop the watch before it begins, as Compose reports them: a rebuild rule of a
     * service without build:, a sync+exec rule without a command, a sync rule without target.
     */
    public static List<String> problems(Project project, Map<String, List<WatchRule>> rules) {
        List<String> problems = new ArrayList<>();
        rules.forEach((service, serviceRules) -> {
            for (WatchRule rule : serviceRules) {
                if (rule.action() == WatchRule.Action.REBUILD && project.service(service).build() == null) {
                    problems.add("can't watch service \"" + service + "\" with action rebuild without a build context");
                }
                if (rule.action() == WatchRule.Action.SYNC_EXEC && (rule.exec() == null || rule.exec().command().isEmpty())) {
                    problems.add("can't watch with action \"sync+exec\" on service " + service + " without a command");
                }
                if (rule.action().syncs() && rule.target() == null) {
                    problems.add("services." + service + ".develop.watch: action " + rule.action().text()
                            + " for path " + rule.path() + " needs a target (where the files go in the container)");
                }
            }
        });
        return problems;
    }

    /** Syncs every file of the rules with {@code initial_sync: true} into the running containers. */
    public void initialSync() {
        actions.initialSync(rules);
    }

    /** Applies one batch of changed host paths (what the watch loop does after each quiet period). */
    public void apply(Collection<Path> changed) {
        WatchBatch batch = WatchBatch.plan(changed, rules);
        if (!batch.isEmpty()) {
            actions.apply(batch);
        }
    }

    /** Watches until {@link #close()} or an interrupt; "Watch enabled" once the watches are set. */
    public void run() throws IOException, InterruptedException {
        if (rules.isEmpty()) {
            // every rule was a sync of a bind-mounted path: nothing left to watch (Compose's message)
            throw new EngineException("none of the selected services is configured for watch, consider setting a 'develop' section");
        }
        WatchLoop created = new WatchLoop(rules, this::apply, out);
        loop = created;
        if (closed) {
            return;
        }
        created.run(QUIET_PERIOD, LONGEST_BATCH);
    }

    @Override
    public void close() {
        closed = true;
        WatchLoop running = loop;
        if (running != null) {
            running.close();
        }
    }
}
