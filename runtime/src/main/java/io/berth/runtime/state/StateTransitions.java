package io.berth.runtime.state;

import io.berth.runtime.ContainerState;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The container state machine: created -> running -> exited (-> running again), restarting
 * between a restart policy's exit and its next start, removing while being torn down, dead when
 * a removal failed half-way. Every write of a new state goes through {@link #check}.
 */
public final class StateTransitions {
    private static final Map<ContainerState, Set<ContainerState>> ALLOWED = Map.of(
            ContainerState.CREATED, EnumSet.of(ContainerState.RUNNING, ContainerState.REMOVING),
            ContainerState.RUNNING, EnumSet.of(ContainerState.EXITED, ContainerState.RESTARTING,
                    ContainerState.REMOVING),
            ContainerState.RESTARTING, EnumSet.of(ContainerState.RUNNING, ContainerState.EXITED,
                    ContainerState.REMOVING),
            ContainerState.EXITED, EnumSet.of(ContainerState.RUNNING, ContainerState.RESTARTING,
                    ContainerState.REMOVING),
            ContainerState.PAUSED, EnumSet.of(ContainerState.RUNNING, ContainerState.EXITED),
            ContainerState.REMOVING, EnumSet.of(ContainerState.DEAD),
            ContainerState.DEAD, EnumSet.of(ContainerState.REMOVING));

    private StateTransitions() {
    }

    public static boolean allowed(ContainerState from, ContainerState to) {
        return from == to || ALLOWED.get(from).contains(to);
    }

    public static void check(String containerName, ContainerState from, ContainerState to) {
        if (!allowed(from, to)) {
            throw new RuntimeOperationException(Kind.CONFLICT, "container " + containerName + " is "
                    + from.dockerName() + ": cannot make it " + to.dockerName());
        }
    }
}
