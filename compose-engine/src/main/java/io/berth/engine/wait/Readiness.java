package io.berth.engine.wait;

import io.berth.runtime.ContainerInfo;

/** A verdict on one look at a container: ready, not yet, or never (fail fast with the reason). */
public sealed interface Readiness {
    record Ready() implements Readiness { }

    record NotYet() implements Readiness { }

    record Failed(String reason) implements Readiness { }

    /** One strategy: what the condition needs to see in a container's state. */
    @FunctionalInterface
    interface Check {
        Readiness check(ContainerInfo container);
    }
}
