package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** develop.watch rules as berth watch reads them: absolute paths, actions, patterns and the exec hook. */
class DevelopWatchTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    @Test
    void rulesAreTypedWithAbsolutePathsInFileOrder() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web:
                    image: nginx
                    build: .
                    develop:
                      watch:
                        - {path: ./src, action: sync, target: /app, ignore: [node_modules/], include: ["*.js"], initial_sync: true}
                        - path: ./src
                          action: sync+exec
                          target: /app
                          exec: {command: npm run reload, user: node, working_dir: /app, environment: [MODE=dev, BARE]}
                        - {path: package.json, action: rebuild}
                        - {path: ./conf, action: sync+restart, target: /etc/app}
                        - {path: ./x, action: restart}
                  db:
                    image: postgres
                """);
        Map<String, List<WatchRule>> rules = DevelopWatch.rules(fixture.load());
        assertEquals(List.of("web"), List.copyOf(rules.keySet()), "services without rules are left out");
        List<WatchRule> web = rules.get("web");
        assertEquals(5, web.size());
        WatchRule sync = web.get(0);
        assertEquals(fixture.directory.resolve("src"), sync.path());
        assertEquals(WatchRule.Action.SYNC, sync.action());
        assertEquals("/app", sync.target());
        assertEquals(List.of("node_modules/"), sync.ignore());
        assertEquals(List.of("*.js"), sync.include());
        assertTrue(sync.initialSync());
        assertNull(sync.exec(), "only sync+exec carries a hook");
        WatchRule.Exec exec = web.get(1).exec();
        assertEquals(List.of("npm", "run", "reload"), exec.command());
        assertEquals("node", exec.user());
        assertEquals("/app", exec.workingDir());
        assertEquals(Map.of("MODE", "dev"), exec.environment(), "a bare name has no value to pass");
        assertEquals(fixture.directory.resolve("package.json"), web.get(2).path());
        assertEquals(List.of(WatchRule.Action.SYNC, WatchRule.Action.SYNC_EXEC, WatchRule.Action.REBUILD,
                WatchRule.Action.SYNC_RESTART, WatchRule.Action.RESTART), web.stream().map(WatchRule::action).toList());
        assertEquals(List.of(), fixture.load().warnings());
    }
}
