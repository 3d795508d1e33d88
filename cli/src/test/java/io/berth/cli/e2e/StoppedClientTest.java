package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerState;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.Terminals.WindowSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An attached client stopped with Ctrl-Z (here SIGSTOP) takes no more output; the supervisor's write
 * to it blocks once the socket is full. That must never hold the container's exit: it used to wait
 * for that write for good, with the container's lock held, so the container showed Running forever.
 */
@Tag("root")
class StoppedClientTest extends RealRuntimeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int SIGCONT = 18;
    private static final int SIGSTOP = 19;

    @Test
    void aStoppedClientNeverHoldsTheExitOfItsContainer() throws Exception {
        Path project = fixture.project("stopped", """
                services:
                  web:
                    image: busybox:local
                    network_mode: none
                    command: ["sh", "-c", "while :; do echo 0123456789abcdefghijklmnopqrstuvwxyz; done"]
                """);
        try (PtyBerth berth = PtyBerth.start(project, fixture.config, new WindowSize(24, 80),
                "run", "--name", "stopped-run", "web")) {
            berth.await("0123456789abcdef", PATIENCE);
            ProcessCalls.kill(berth.pid(), SIGSTOP);
            try {
                Thread.sleep(3000); // the supervisor's writes fill the stopped client's socket
                ContainerInfo container = fixture.runtime.findContainerByName("stopped-run").orElseThrow();
                fixture.runtime.killContainer(container.id(), "SIGKILL");
                Optional<ContainerInfo> exited = fixture.runtime.waitForExit(container.id(), Duration.ofSeconds(20));
                assertTrue(exited.isPresent(), "the exit was not recorded while the client was stopped");
                assertEquals(ContainerState.EXITED, exited.get().state());
                assertEquals(137, exited.get().exitCode());
            } finally {
                ProcessCalls.kill(berth.pid(), SIGCONT);
            }
            assertEquals(137, berth.awaitExit(PATIENCE), "the client, continued, ends with the container's code");
        } finally {
            fixture.berth(project, "down").ok();
        }
    }
}
