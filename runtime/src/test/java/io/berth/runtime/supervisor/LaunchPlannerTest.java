package io.berth.runtime.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerSpec.RestartPolicy;
import io.berth.runtime.ContainerState;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.launch.LaunchPlanner;
import io.berth.runtime.launch.LayeredFiles;
import io.berth.runtime.container.UserResolver;
import io.berth.runtime.state.StateTransitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure decisions: how spec and image combine (as Docker), users, restarts, transitions. */
class LaunchPlannerTest {
    private static final ImageReference IMAGE = ImageReference.parse("berth-test/x:1");

    private static ImageInfo.Config config(List<String> entrypoint, List<String> cmd) {
        return new ImageInfo.Config(entrypoint, cmd, List.of("PATH=/img/bin", "A=image", "B=image"), "/srv", "app",
                List.of(), List.of(), Map.of(), null);
    }

    private static ContainerSpec spec(List<String> entrypoint, List<String> command) {
        ContainerSpec simple = ContainerSpec.simple("c", IMAGE, command);
        return new ContainerSpec("c", Map.of(), IMAGE, entrypoint, command, List.of("B=spec", "C=spec"), null,
                List.of(), null, null, null, false, false, null, null, List.of(), simple.networkMode(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), false, List.of("NET_ADMIN"), List.of("MKNOD"),
                false, null, null, Map.of(), List.of(), null, null, null, List.of());
    }

    @Test
    void entrypointAndCmdCombineAsDockerDoes() {
        ImageInfo.Config image = config(List.of("/entry"), List.of("default-arg"));
        assertEquals(List.of("/entry", "default-arg"), LaunchPlanner.argv(spec(null, null), image));
        assertEquals(List.of("/entry", "x"), LaunchPlanner.argv(spec(null, List.of("x")), image));
        // a service entrypoint drops the image's CMD unless a command is given
        assertEquals(List.of("/other"), LaunchPlanner.argv(spec(List.of("/other"), null), image));
        assertEquals(List.of("/other", "y"), LaunchPlanner.argv(spec(List.of("/other"), List.of("y")), image));
        // an empty entrypoint means none: the command alone
        assertEquals(List.of("z"), LaunchPlanner.argv(spec(List.of(), List.of("z")), image));
    }

    @Test
    void environmentIsImageThenSpecByKey() {
        List<String> env = LaunchPlanner.environment(spec(null, null), config(null, null), "host1", "/home/app");
        assertEquals(List.of("PATH=/img/bin", "HOSTNAME=host1", "A=image", "B=spec", "C=spec", "HOME=/home/app"), env);
    }

    @Test
    void capabilitiesAreDockersDefaultsPlusAddMinusDrop() {
        List<String> caps = LaunchPlanner.capabilities(spec(null, null));
        assertTrue(caps.contains("CAP_NET_ADMIN"));
        assertFalse(caps.contains("CAP_MKNOD"));
        assertEquals(14, caps.size());
    }

    @Test
    void usersAndGroupsResolveThroughLayersWithWhiteouts(@TempDir Path dir) throws IOException {
        Path lower = Files.createDirectories(dir.resolve("lower/etc"));
        Files.writeString(lower.resolve("passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        Files.writeString(lower.resolve("group"), "root:x:0:\napp:x:1000:\nwheel:x:10:app\n");
        Path upper = Files.createDirectories(dir.resolve("upper/etc"));
        List<Path> layers = List.of(dir.resolve("upper"), dir.resolve("lower"));

        UserResolver.ResolvedUser app = resolve(layers, "app", List.of("root"));
        assertEquals(1000, app.uid());
        assertEquals(1000, app.gid());
        assertEquals(List.of(1000, 10, 0), app.supplementaryGids(), "the primary group first, as Docker (issue 14)");
        assertEquals("/home/app", app.home());
        UserResolver.ResolvedUser numeric = resolve(layers, "4242:wheel", List.of());
        assertEquals(4242, numeric.uid());
        assertEquals(10, numeric.gid());
        assertThrows(RuntimeOperationException.class, () -> resolve(layers, "nobody", List.of()));

        // the top layer deletes /etc/passwd: the names are gone, numbers still work
        Files.createFile(upper.resolve(".wh.passwd"));
        assertThrows(RuntimeOperationException.class, () -> resolve(layers, "app", List.of()));
        assertEquals(1000, resolve(layers, "1000", List.of()).uid());
    }

    /** As LaunchPlanner resolves a user: the image's passwd and group through its layers. */
    private static UserResolver.ResolvedUser resolve(List<Path> layers, String user, List<String> groupAdd) {
        return UserResolver.resolve(user, groupAdd, LayeredFiles.read(layers, "etc/passwd"),
                LayeredFiles.read(layers, "etc/group"));
    }

    @Test
    void anOpaqueDirectoryHidesTheLowerFiles(@TempDir Path dir) throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("lower/etc")).resolve("passwd"), "app:x:5:5::/:/bin/sh\n");
        Files.createFile(Files.createDirectories(dir.resolve("upper/etc")).resolve(".wh..wh..opq"));
        assertTrue(LayeredFiles.find(List.of(dir.resolve("upper"), dir.resolve("lower")), "etc/passwd").isEmpty());
        assertTrue(LayeredFiles.find(List.of(dir.resolve("lower")), "etc/passwd").isPresent());
    }

    @Test
    void restartPoliciesDecideAsDocker() {
        RestartPolicy onFailure = new RestartPolicy("on-failure", 2);
        assertTrue(RestartDecision.shouldRestart(onFailure, 1, false, 0));
        assertTrue(RestartDecision.shouldRestart(onFailure, null, false, 1), "unknown exit counts as failure");
        assertFalse(RestartDecision.shouldRestart(onFailure, 1, false, 2), "at most 2 retries");
        assertFalse(RestartDecision.shouldRestart(onFailure, 0, false, 0));
        assertTrue(RestartDecision.shouldRestart(new RestartPolicy("on-failure:5", 0), 3, false, 4));
        assertTrue(RestartDecision.shouldRestart(new RestartPolicy("always", 0), 0, false, 99));
        assertFalse(RestartDecision.shouldRestart(new RestartPolicy("unless-stopped", 0), 0, true, 0));
        assertFalse(RestartDecision.shouldRestart(RestartPolicy.NO, 1, false, 0));
        assertEquals(Duration.ofMillis(100), RestartDecision.delay(0, Duration.ZERO));
        assertEquals(Duration.ofMillis(800), RestartDecision.delay(3, Duration.ofSeconds(1)));
        assertEquals(Duration.ofMinutes(1), RestartDecision.delay(30, Duration.ofSeconds(1)));
        assertEquals(Duration.ofMillis(100), RestartDecision.delay(30, Duration.ofSeconds(11)), "reset after a long run");
    }

    @Test
    void stateTransitionsAreChecked() {
        assertTrue(StateTransitions.allowed(ContainerState.CREATED, ContainerState.RUNNING));
        assertTrue(StateTransitions.allowed(ContainerState.EXITED, ContainerState.RUNNING));
        assertFalse(StateTransitions.allowed(ContainerState.CREATED, ContainerState.EXITED));
        assertFalse(StateTransitions.allowed(ContainerState.REMOVING, ContainerState.RUNNING));
        assertThrows(RuntimeOperationException.class,
                () -> StateTransitions.check("c", ContainerState.DEAD, ContainerState.RUNNING));
    }

    @Test
    void healthcheckLabelMergesOverTheImagesAndDefaults() {
        ContainerSpec labelled = new ContainerSpec("c", Map.of(HealthcheckConfig.LABEL,
                "{\"test\":[\"CMD-SHELL\",\"curl -f localhost\"],\"interval_ms\":2000}"), IMAGE, null, null,
                List.of(), null, List.of(), null, null, null, false, false, null, null, List.of(), null, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), false, List.of(), List.of(), false, null, null,
                Map.of(), List.of(), null, null, null, List.of());
        ImageInfo image = new ImageInfo(DirectoryImages.ID, List.of(), 0, null, new ImageInfo.Config(null, null,
                List.of(), null, null, List.of(), List.of(), Map.of(), null, new ImageInfo.Healthcheck(
                List.of("CMD", "true"), Duration.ofSeconds(9), Duration.ofSeconds(4), null, 7)));
        HealthcheckConfig config = HealthcheckConfig.of(labelled, image).orElseThrow();
        assertEquals(List.of("/bin/sh", "-c", "curl -f localhost"), config.argv());
        assertEquals(Duration.ofSeconds(2), config.interval());
        assertEquals(Duration.ofSeconds(4), config.timeout(), "the image's, where the label says nothing");
        assertEquals(7, config.retries());
        assertEquals(List.of("true"), HealthcheckConfig.of(ContainerSpec.simple("c", IMAGE, null), image)
                .orElseThrow().argv());
        assertTrue(HealthcheckConfig.argv(List.of("NONE")).isEmpty());
    }
}
