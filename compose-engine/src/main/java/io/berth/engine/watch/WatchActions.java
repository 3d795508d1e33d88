package io.berth.engine.watch;

import io.berth.engine.BuildOptions;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.RecreatePolicy;
import io.berth.engine.UpOptions;
import io.berth.model.WatchRule;
import io.berth.runtime.ContainerFileSync;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ExecSpec;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageService;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Carries out a {@link WatchBatch} on the project's containers: rebuild, sync, restart, exec, in that order. */
public final class WatchActions {
    private final ComposeEngine engine;
    private final DesiredProject desired;
    private final ImageService images;
    private final Consumer<String> out;
    private final ContainerFileSync files = new ContainerFileSync();

    public WatchActions(ComposeEngine engine, DesiredProject desired, ImageService images, Consumer<String> out) {
        this.engine = engine;
        this.desired = desired;
        this.images = images;
        this.out = out;
    }

    public void apply(WatchBatch batch) {
        if (!batch.rebuild().isEmpty()) {
            rebuild(batch.rebuild());
        }
        batch.sync().forEach((service, mappings) -> {
            out.accept("Syncing service \"" + service + "\" after " + mappings.size() + " changes were detected");
            sync(service, mappings);
        });
        if (!batch.restart().isEmpty()) {
            engine.lifecycle(desired.name()).restart(batch.restart(), null);
            out.accept("service(s) " + quoted(batch.restart()) + " restarted");
        }
        batch.exec().forEach((service, hooks) -> hooks.forEach(hook -> exec(service, hook)));
    }

    /** initial_sync: every file under each such sync rule's path that the rule does not leave out. */
    public void initialSync(List<CompiledRule> rules) {
        Map<String, List<ContainerFileSync.Mapping>> byService = new TreeMap<>();
        for (CompiledRule rule : rules) {
            if (!rule.rule().initialSync() || !rule.rule().action().syncs() || rule.rule().target() == null) {
                continue;
            }
            List<ContainerFileSync.Mapping> mappings = byService.computeIfAbsent(rule.service(), name -> new ArrayList<>());
            try {
                Files.walkFileTree(rule.rule().path(), new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                        return rule.skipsDirectory(directory) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        rule.match(file).ifPresent(mappings::add);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException unreadable) {
                out.accept("initial sync of " + rule.rule().path() + ": " + unreadable.getMessage());
            }
        }
        byService.forEach((service, mappings) -> {
            if (!mappings.isEmpty()) {
                sync(service, mappings);
            }
        });
    }

    private void sync(String service, List<ContainerFileSync.Mapping> mappings) {
        List<ContainerInfo> running = running(service);
        if (running.isEmpty()) {
            out.accept("service \"" + service + "\" has no running container: nothing synced");
        }
        List<String> failures = new ArrayList<>();
        for (ContainerInfo container : running) {
            try {
                files.sync(container, mappings);
            } catch (RuntimeException failure) {
                failures.add(failure.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failures));
        }
    }

    private void exec(String service, WatchRule.Exec hook) {
        List<String> environment = hook.environment().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
        for (ContainerInfo container : running(service)) {
            int code = engine.runtime().exec(container.id(), new ExecSpec(hook.command(), environment, hook.user(),
                    hook.workingDir(), false, false, false, hook.privileged()));
            if (code != 0) {
                out.accept("exec in " + container.name() + " failed: exit code " + code);
            }
        }
    }

    /** As Compose: build the services' images, recreate their containers (not their dependencies'), start them. */
    private void rebuild(SortedSet<String> services) {
        out.accept("Rebuilding service(s) " + quoted(services) + " after changes were detected...");
        Map<String, Optional<ImageInfo>> before = new TreeMap<>();
        services.forEach(service -> before.put(service, engine.runtime().findImage(desired.services().get(service).image())));
        UpOptions options = new UpOptions(services, true, RecreatePolicy.FORCE, false, false, false, false, null, null)
                .withBuild(BuildOptions.forUp(true, false));
        try {
            engine.execute(engine.planUp(desired, options, true));
        } catch (RuntimeException failure) {
            out.accept("Build failed. Error: " + failure.getMessage());
            throw failure;
        }
        out.accept("service(s) " + quoted(services) + " successfully built");
        if (images != null) {
            before.values().forEach(image -> image.ifPresent(this::pruneIfDangling));
        }
    }

    /** --prune: the image a rebuild replaced goes when nothing names it any more (a container that uses it keeps it). */
    private void pruneIfDangling(ImageInfo old) {
        boolean dangling = images.list().stream().anyMatch(image -> image.id().equals(old.id()) && image.references().isEmpty());
        if (dangling) {
            try {
                images.remove(old.id().toString(), false);
            } catch (RuntimeException inUse) {
                // still used by a container: kept, as Docker keeps it
            }
        }
    }

    private List<ContainerInfo> running(String service) {
        return engine.lifecycle(desired.name()).containers(Set.of(service), false).stream()
                .filter(container -> container.state().isRunning()).toList();
    }

    /** ["a" "b"], as Go's %q prints a list of strings. */
    private static String quoted(Set<String> names) {
        return names.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(" ", "[", "]"));
    }
}
