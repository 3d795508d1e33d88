package io.berth.engine.wait;

import io.berth.engine.EngineException;
import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Polls a container until a check says ready, fails, or the deadline passes. */
public final class Waiter {
    private static final Duration FIRST_POLL = Duration.ofMillis(20);
    private static final Duration MAX_POLL = Duration.ofMillis(250);

    private Waiter() {
    }

    /** @param what the wait as people read it, e.g. "waiting for demo-db-1 (service_healthy)" */
    public static ContainerInfo await(ContainerRuntime runtime, ContainerId id, Readiness.Check check,
                                      Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        Duration pause = FIRST_POLL;
        while (true) {
            Optional<ContainerInfo> container = runtime.inspectContainer(id);
            if (container.isEmpty()) {
                throw new EngineException(what + ": the container no longer exists");
            }
            Readiness verdict = check.check(container.get());
            if (verdict instanceof Readiness.Ready) {
                return container.get();
            }
            if (verdict instanceof Readiness.Failed failed) {
                throw new EngineException(what + ": " + failed.reason());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new EngineException(what + ": not ready after " + timeout.toSeconds() + "s");
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pause.multipliedBy(2);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting", interrupted);
        }
    }
}
