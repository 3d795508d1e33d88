package io.berth.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.model.BuildConfig;
import io.berth.model.WatchRule;
import io.berth.runtime.ContainerFileSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which changed paths a batch syncs, restarts, execs and rebuilds for, as Docker Compose v2 decides. */
class WatchBatchTest {
    @TempDir
    Path project;

    private WatchRule rule(String path, WatchRule.Action action, String target, List<String> ignore, List<String> include) {
        WatchRule.Exec exec = action == WatchRule.Action.SYNC_EXEC
                ? new WatchRule.Exec(List.of("reload"), null, Map.of(), null, false) : null;
        return new WatchRule(project.resolve(path), action, target, ignore, include, false, exec);
    }

    private static BuildConfig build(Path context) {
        return new BuildConfig(context.toString(), null, null, Map.of(), null, Map.of(), List.of(), List.of(), List.of(),
                List.of(), null, null, false, false, Map.of(), Map.of(), List.of(), List.of(), Map.of(), false, null, List.of());
    }

    @Test
    void changesUnderASyncRuleMapToTheTargetAndIgnoredOnesDoNot() throws Exception {
        Files.writeString(project.resolve(".dockerignore"), "**/*.log\nsecrets\n");
        CompiledRule sync = CompiledRule.of("web", rule("src", WatchRule.Action.SYNC, "/app", List.of("node_modules/"),
                List.of()), build(project));
        WatchBatch batch = WatchBatch.plan(List.of(project.resolve("src/a.js"), project.resolve("src/lib/b.js"),
                project.resolve("src/node_modules/x/index.js"), project.resolve("src/debug.log"),
                project.resolve("src/.a.js.swp"), project.resolve("src/a.js~"), project.resolve("src/.git/HEAD"),
                project.resolve("other/c.js")), List.of(sync));
        assertEquals(Map.of("web", List.of(new ContainerFileSync.Mapping(project.resolve("src/a.js"), "/app/a.js"),
                new ContainerFileSync.Mapping(project.resolve("src/lib/b.js"), "/app/lib/b.js"))), batch.sync());
        assertTrue(batch.restart().isEmpty() && batch.rebuild().isEmpty() && batch.exec().isEmpty());
    }

    @Test
    void includeKeepsOnlyMatchingPaths() throws Exception {
        CompiledRule sync = CompiledRule.of("web", rule("src", WatchRule.Action.SYNC, "/app/", List.of(), List.of("*.py", "templates/")), null);
        WatchBatch batch = WatchBatch.plan(List.of(project.resolve("src/app.py"), project.resolve("src/readme.md"),
                project.resolve("src/templates/index.html")), List.of(sync));
        assertEquals(List.of("/app/app.py", "/app/templates/index.html"),
                batch.sync().get("web").stream().map(ContainerFileSync.Mapping::containerPath).toList());
    }

    @Test
    void eachActionLandsInItsPlaceAndAHookRunsOncePerBatch() throws Exception {
        List<CompiledRule> rules = List.of(
                CompiledRule.of("api", rule("api", WatchRule.Action.SYNC_RESTART, "/srv", List.of(), List.of()), null),
                CompiledRule.of("web", rule("web", WatchRule.Action.SYNC_EXEC, "/app", List.of(), List.of()), null),
                CompiledRule.of("web", rule("package.json", WatchRule.Action.REBUILD, null, List.of(), List.of()), build(project)),
                CompiledRule.of("worker", rule("worker.conf", WatchRule.Action.RESTART, null, List.of(), List.of()), null));
        WatchBatch batch = WatchBatch.plan(List.of(project.resolve("api/main.go"), project.resolve("web/a.js"),
                project.resolve("web/b.js"), project.resolve("package.json"), project.resolve("worker.conf")), rules);
        assertEquals(List.of("web"), List.copyOf(batch.rebuild()));
        assertEquals(List.of("api", "worker"), List.copyOf(batch.restart()));
        assertEquals(List.of("api", "web"), List.copyOf(batch.sync().keySet()));
        assertEquals(1, batch.exec().get("web").size(), "two files, one hook run");
        assertEquals("/srv/main.go", batch.sync().get("api").get(0).containerPath());
    }

    @Test
    void aRuleOnOneFileMapsItToTheTargetItself() throws Exception {
        CompiledRule file = CompiledRule.of("web", rule("nginx.conf", WatchRule.Action.SYNC, "/etc/nginx/nginx.conf", List.of(), List.of()), null);
        WatchBatch batch = WatchBatch.plan(List.of(project.resolve("nginx.conf"), project.resolve("nginx.conf.bak")), List.of(file));
        assertEquals(List.of(new ContainerFileSync.Mapping(project.resolve("nginx.conf"), "/etc/nginx/nginx.conf")),
                batch.sync().get("web"));
    }
}
