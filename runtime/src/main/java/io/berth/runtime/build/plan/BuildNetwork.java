package io.berth.runtime.build.plan;

/** {@code RUN --network=}: the build network (NAT to the outside), none, or the host's. */
public enum BuildNetwork {
    DEFAULT, NONE, HOST
}
