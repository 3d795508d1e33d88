package io.berth.runtime;

/** How a container gets its network namespace. */
public sealed interface NetworkMode {
    /** A new namespace with a veth on each of {@link ContainerSpec#networks()} (Docker's default). */
    record Bridge() implements NetworkMode { }

    /** A new namespace with loopback only. */
    record None() implements NetworkMode { }

    /** The host's own network namespace. */
    record Host() implements NetworkMode { }

    /** The namespace of another container (Compose's {@code service:x} and {@code container:x}). */
    record Container(String containerName) implements NetworkMode { }
}
