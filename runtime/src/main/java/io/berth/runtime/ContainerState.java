package io.berth.runtime;

/** Explicit container states (as Docker names them); transitions are checked by the runtime. */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, EXITED, REMOVING, DEAD;

    public boolean isRunning() {
        return this == RUNNING || this == RESTARTING || this == PAUSED;
    }

    public String dockerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
