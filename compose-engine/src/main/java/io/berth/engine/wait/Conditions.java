package io.berth.engine.wait;

import io.berth.engine.DependencyCondition;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerState;

/** The depends_on conditions as readiness checks; each fails fast when it can never be met. */
public final class Conditions {
    private Conditions() {
    }

    public static Readiness.Check of(DependencyCondition condition) {
        return switch (condition) {
            case SERVICE_STARTED -> Conditions::started;
            case SERVICE_HEALTHY -> Conditions::healthy;
            case SERVICE_COMPLETED_SUCCESSFULLY -> Conditions::completedSuccessfully;
        };
    }

    static Readiness started(ContainerInfo container) {
        if (container.state() == ContainerState.RUNNING) {
            return new Readiness.Ready();
        }
        if (exited(container)) {
            return new Readiness.Failed(container.name() + " exited" + code(container) + " instead of running");
        }
        return new Readiness.NotYet();
    }

    static Readiness healthy(ContainerInfo container) {
        if (exited(container)) {
            return new Readiness.Failed(container.name() + " exited" + code(container) + " before it was healthy");
        }
        String health = container.health();
        if (health == null || health.isEmpty() || health.equals("none")) {
            return new Readiness.Failed(container.name() + " has no healthcheck, so it can never be healthy");
        }
        if (health.equals("unhealthy")) {
            return new Readiness.Failed(container.name() + " is unhealthy");
        }
        return health.equals("healthy") ? new Readiness.Ready() : new Readiness.NotYet();
    }

    static Readiness completedSuccessfully(ContainerInfo container) {
        if (!exited(container)) {
            return new Readiness.NotYet();
        }
        Integer exitCode = container.exitCode();
        if (exitCode != null && exitCode == 0) {
            return new Readiness.Ready();
        }
        return new Readiness.Failed(container.name() + " exited" + code(container) + ", not 0");
    }

    private static boolean exited(ContainerInfo container) {
        return container.state() == ContainerState.EXITED || container.state() == ContainerState.DEAD;
    }

    private static String code(ContainerInfo container) {
        return container.exitCode() == null ? " (exit code unknown)" : " with code " + container.exitCode();
    }
}
