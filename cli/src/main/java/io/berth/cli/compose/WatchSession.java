package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.EngineException;
import io.berth.engine.ProjectWatch;
import io.berth.model.WatchRule;
import io.berth.runtime.ImageService;
import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import sun.misc.Signal;

/** A watch of the selected services' rules, for {@code watch} and {@code up --watch}; Ctrl-C ends it. */
final class WatchSession {
    private final ProjectWatch watch;
    private final SortedMap<String, List<WatchRule>> rules;
    private final ComposeSession session;
    private volatile boolean interrupted;

    private WatchSession(ProjectWatch watch, SortedMap<String, List<WatchRule>> rules, ComposeSession session) {
        this.watch = watch;
        this.rules = rules;
        this.session = session;
    }

    /** @throws EngineException no selected service has rules, or a rule cannot work (Compose's messages) */
    static WatchSession open(ComposeSession session, ComposeEngine engine, DesiredProject desired, List<String> services,
                             ImageService images) throws IOException {
        List<String> unknown = services.stream().filter(name -> !session.requireProject().services().containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new io.berth.engine.EngineException("no such service: " + String.join(", ", unknown));
        }
        SortedMap<String, List<WatchRule>> rules = new TreeMap<>(session.watchRules());
        if (!services.isEmpty()) {
            rules.keySet().retainAll(services);
        }
        if (rules.isEmpty()) {
            throw new EngineException("none of the selected services is configured for watch, consider setting a 'develop' section");
        }
        List<String> problems = ProjectWatch.problems(session.requireProject(), rules);
        if (!problems.isEmpty()) {
            throw new EngineException(String.join("\n", problems));
        }
        ProjectWatch watch = new ProjectWatch(engine, session.requireProject(), desired, rules, images, WatchSession::print);
        return new WatchSession(watch, rules, session);
    }

    /** True when a watched service has build: (then up builds it, as Compose sets pull_policy build). */
    boolean buildsAny() {
        return rules.keySet().stream().anyMatch(name -> session.requireProject().service(name).build() != null);
    }

    private static void print(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

    /** Initial sync, then the watch in this thread until SIGINT/SIGTERM; 130 then, as an interrupted up. */
    int runUntilInterrupted() throws IOException, InterruptedException {
        Signal.handle(new Signal("INT"), signal -> stop());
        Signal.handle(new Signal("TERM"), signal -> stop());
        watch.initialSync();
        watch.run();
        return interrupted ? AttachedSession.INTERRUPTED_EXIT : 0;
    }

    /** The watch in a thread of its own (up --watch: the attached logs keep this one). */
    Thread startInBackground() {
        watch.initialSync();
        Thread thread = new Thread(() -> {
            try {
                watch.run();
            } catch (IOException failure) {
                print("Watch disabled with errors: " + failure.getMessage());
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "berth-watch");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    void stop() {
        interrupted = true;
        watch.close();
    }
}
