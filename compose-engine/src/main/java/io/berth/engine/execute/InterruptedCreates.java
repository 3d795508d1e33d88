package io.berth.engine.execute;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.RuntimeOperationException;
import java.time.Duration;
import java.util.Optional;

/**
 * A create of a container that an interrupted `up` already asked for. When `up` is killed, the
 * supervisor still finishes the create it had received; the next `up` may list the project before
 * that create is recorded, plan the same container and find its name taken. A container of that
 * name with exactly the labels asked for (project, service, number, config hash), created and not
 * started, is the one this plan wants: it is taken instead of failing. Anything else stays a
 * conflict.
 */
final class InterruptedCreates {
    /** How long a create still under way elsewhere is waited for. */
    private static final Duration IN_FLIGHT = Duration.ofSeconds(30);

    private InterruptedCreates() {
    }

    static ContainerInfo create(ContainerRuntime runtime, ContainerSpec spec) {
        try {
            return runtime.createContainer(spec);
        } catch (RuntimeOperationException e) {
            if (e.kind() != RuntimeOperationException.Kind.CONFLICT) {
                throw e;
            }
            return twin(runtime, spec).orElseThrow(() -> e);
        }
    }

    private static Optional<ContainerInfo> twin(ContainerRuntime runtime, ContainerSpec spec) {
        long deadline = System.nanoTime() + IN_FLIGHT.toNanos();
        while (true) {
            Optional<ContainerInfo> named = runtime.findContainerByName(spec.name());
            if (named.isPresent()) {
                ContainerInfo found = named.get();
                boolean same = found.state() == ContainerState.CREATED && found.labels().equals(spec.labels())
                        && !spec.labels().isEmpty();
                return same ? named : Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(100); // the other create holds the name and has not recorded it yet
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
