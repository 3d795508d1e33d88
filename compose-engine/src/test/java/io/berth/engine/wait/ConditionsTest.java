package io.berth.engine.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.berth.engine.DependencyCondition;
import io.berth.engine.TestProjects;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private static ContainerInfo container(ContainerState state, Integer exitCode, String health) {
        ContainerInfo base = TestProjects.running(TestProjects.service("db").build(), 1);
        return new ContainerInfo(base.id(), base.name(), base.spec(), base.image(), state, 0, exitCode, false,
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, 0, Map.of(), List.of(), health);
    }

    private static Readiness check(DependencyCondition condition, ContainerInfo container) {
        return Conditions.of(condition).check(container);
    }

    @Test
    void startedIsReadyWhenRunningAndFailsFastWhenExited() {
        assertInstanceOf(Readiness.Ready.class, check(DependencyCondition.SERVICE_STARTED, container(ContainerState.RUNNING, null, null)));
        assertInstanceOf(Readiness.NotYet.class, check(DependencyCondition.SERVICE_STARTED, container(ContainerState.CREATED, null, null)));
        assertEquals(new Readiness.Failed("demo-db-1 exited with code 1 instead of running"),
                check(DependencyCondition.SERVICE_STARTED, container(ContainerState.EXITED, 1, null)));
    }

    @Test
    void healthyWaitsForHealthAndFailsOnUnhealthyOrNoHealthcheck() {
        assertInstanceOf(Readiness.NotYet.class, check(DependencyCondition.SERVICE_HEALTHY, container(ContainerState.RUNNING, null, "starting")));
        assertInstanceOf(Readiness.Ready.class, check(DependencyCondition.SERVICE_HEALTHY, container(ContainerState.RUNNING, null, "healthy")));
        assertEquals(new Readiness.Failed("demo-db-1 is unhealthy"),
                check(DependencyCondition.SERVICE_HEALTHY, container(ContainerState.RUNNING, null, "unhealthy")));
        assertEquals(new Readiness.Failed("demo-db-1 has no healthcheck, so it can never be healthy"),
                check(DependencyCondition.SERVICE_HEALTHY, container(ContainerState.RUNNING, null, null)));
    }

    @Test
    void completedSuccessfullyNeedsExitCodeZero() {
        assertInstanceOf(Readiness.NotYet.class, check(DependencyCondition.SERVICE_COMPLETED_SUCCESSFULLY, container(ContainerState.RUNNING, null, null)));
        assertInstanceOf(Readiness.Ready.class, check(DependencyCondition.SERVICE_COMPLETED_SUCCESSFULLY, container(ContainerState.EXITED, 0, null)));
        assertEquals(new Readiness.Failed("demo-db-1 exited with code 2, not 0"),
                check(DependencyCondition.SERVICE_COMPLETED_SUCCESSFULLY, container(ContainerState.EXITED, 2, null)));
    }
}
