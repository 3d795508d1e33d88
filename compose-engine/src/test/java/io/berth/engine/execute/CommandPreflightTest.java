package io.berth.engine.execute;

import static io.berth.engine.TestProjects.project;
import static io.berth.engine.TestProjects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.EngineException;
import io.berth.engine.OneOffOptions;
import io.berth.engine.ProgressListener;
import io.berth.engine.TestProjects;
import io.berth.engine.UpOptions;
import io.berth.runtime.ImageInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A container with no command (none in the file, none in its image) stops up and run before anything exists. */
class CommandPreflightTest {
    private final InMemoryRuntime runtime = new InMemoryRuntime();
    private final ComposeEngine engine = new ComposeEngine(runtime, ProgressListener.SILENT, 4);

    private void imageWith(List<String> entrypoint, List<String> cmd) {
        ImageInfo base = TestProjects.BUSYBOX_IMAGE;
        runtime.busybox = new ImageInfo(base.id(), base.references(), base.sizeBytes(), base.createdAt(),
                new ImageInfo.Config(entrypoint, cmd, null, null, null, null, null, null, null));
    }

    @Test
    void upOfServicesWithoutACommandFailsBeforeTheNetworkIsCreated() {
        imageWith(null, List.of());
        DesiredProject desired = project(service("web").build(), service("api").build());
        EngineException failure = assertThrows(EngineException.class,
                () -> engine.execute(engine.planUp(desired, UpOptions.defaults(), true)));
        assertEquals("""
                service api: no command specified (the image busybox:local has no ENTRYPOINT or CMD; set command: for the service)
                service web: no command specified (the image busybox:local has no ENTRYPOINT or CMD; set command: for the service)""",
                failure.getMessage());
        assertEquals(List.of(), runtime.calls, "nothing created, not even the network");
    }

    @Test
    void anImageEntrypointOrCmdIsACommand() {
        imageWith(List.of("/bin/sh"), null);
        engine.execute(engine.planUp(project(service("web").build()), UpOptions.defaults(), true));
        imageWith(null, List.of("sh"));
        engine.execute(engine.planUp(project(service("api").build()), UpOptions.defaults(), true));
        assertEquals(List.of("create network demo_default", "create demo-web-1", "start demo-web-1",
                "create demo-api-1", "start demo-api-1"), runtime.calls);
    }

    @Test
    void runWithoutACommandFailsBeforeTheNetworkIsCreatedAndWithOneWorks() {
        imageWith(null, null);
        DesiredProject desired = project(service("web").build());
        EngineException failure = assertThrows(EngineException.class, () -> engine.createOneOff(desired, "web",
                new OneOffOptions("one", null, null, List.of(), null, null, false, false), true, false));
        assertEquals("service web: no command specified (the image busybox:local has no ENTRYPOINT or CMD;"
                + " set command: for the service)", failure.getMessage());
        assertEquals(List.of(), runtime.calls);
        engine.createOneOff(desired, "web", new OneOffOptions("one", List.of("true"), null, List.of(), null, null,
                false, false), true, false);
        assertEquals(List.of("create network demo_default", "create one"), runtime.calls);
    }
}
