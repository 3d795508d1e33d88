package io.berth.engine.reconcile;

import static io.berth.engine.TestProjects.container;
import static io.berth.engine.TestProjects.convergedState;
import static io.berth.engine.TestProjects.nothing;
import static io.berth.engine.TestProjects.observed;
import static io.berth.engine.TestProjects.project;
import static io.berth.engine.TestProjects.running;
import static io.berth.engine.TestProjects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.engine.DependencyCondition;
import io.berth.engine.DesiredProject;
import io.berth.engine.DesiredService;
import io.berth.engine.EngineException;
import io.berth.engine.ObservedState;
import io.berth.engine.RecreatePolicy;
import io.berth.engine.ServiceDependency;
import io.berth.engine.ServiceRefs;
import io.berth.engine.UpOptions;
import io.berth.runtime.ContainerState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Golden tests: in-memory project + fake observed state -> the printed plan, compared as text. */
class UpReconcilerGoldenTest {
    private static final UpOptions DEFAULTS = UpOptions.defaults();

    private final DesiredService db = service("db").volume("data", "/data").build();
    private final DesiredService web = service("web").env("FOO", "1")
            .dependsOn(ServiceDependency.started("db")).build();
    private final DesiredProject webAndDb = project(db, web);

    private static String plan(DesiredProject project, ObservedState state, UpOptions options) {
        return UpReconciler.plan(project, state, options).render();
    }

    @Test
    void firstUpCreatesNetworkVolumeAndContainersInDependencyOrder() {
        assertEquals("""
                1. create network demo_default: network default does not exist
                2. create volume demo_data: volume data does not exist
                3. create container demo-db-1 (after 1, 2): replica 1 of 1 does not exist
                4. start container demo-db-1 (after 3): created
                5. wait for container demo-db-1 service_started (after 4): web depends on db (service_started)
                6. create container demo-web-1 (after 1, 5): replica 1 of 1 does not exist
                7. start container demo-web-1 (after 6): created
                """, plan(webAndDb, nothing(), DEFAULTS));
    }

    @Test
    void upTwiceDoesNothingTheSecondTime() {
        assertEquals("nothing to do\n", plan(webAndDb, convergedState(webAndDb), DEFAULTS));
    }

    @Test
    void editedEnvironmentRecreatesExactlyThatServiceAndSaysWhichField() {
        DesiredService editedWeb = service("web").env("FOO", "2").env("BAR", "x")
                .dependsOn(ServiceDependency.started("db")).build();
        ObservedState before = convergedState(webAndDb);
        assertEquals("""
                1. wait for container demo-db-1 service_started: web depends on db (service_started)
                2. stop container demo-web-1 (timeout 10s) (after 1): recreate: environment.BAR added, environment.FOO changed
                3. remove container demo-web-1 (after 2): recreate: environment.BAR added, environment.FOO changed
                4. create container demo-web-1 (after 3): recreate: environment.BAR added, environment.FOO changed
                5. start container demo-web-1 (after 4): recreated
                """, plan(project(db, editedWeb), before, DEFAULTS));
    }

    @Test
    void changedImageRecreates() {
        ObservedState before = convergedState(webAndDb);
        ObservedState newImage = new ObservedState(before.project(), before.containers(), before.networks(),
                before.volumes(), java.util.Map.of("busybox:local", io.berth.engine.TestProjects.image("2")));
        String plan = plan(webAndDb, newImage, DEFAULTS.withServices(Set.of("db")));
        assertEquals("""
                1. stop container demo-db-1 (timeout 10s): recreate: image busybox:local changed (111111111111 -> 222222222222)
                2. remove container demo-db-1 (after 1): recreate: image busybox:local changed (111111111111 -> 222222222222)
                3. create container demo-db-1 (after 2): recreate: image busybox:local changed (111111111111 -> 222222222222)
                4. start container demo-db-1 (after 3): recreated
                """, plan);
    }

    @Test
    void scaleUpAddsTheNextNumbersAndScaleDownRemovesTheHighest() {
        DesiredService one = service("web").build();
        DesiredService five = service("web").scale(5).build();
        DesiredService two = service("web").scale(2).build();
        assertEquals("""
                1. create container demo-web-2: replica 2 of 5 does not exist
                2. start container demo-web-2 (after 1): created
                3. create container demo-web-3: replica 3 of 5 does not exist
                4. start container demo-web-3 (after 3): created
                5. create container demo-web-4: replica 4 of 5 does not exist
                6. start container demo-web-4 (after 5): created
                7. create container demo-web-5: replica 5 of 5 does not exist
                8. start container demo-web-5 (after 7): created
                """, plan(project(five), convergedState(project(one)), DEFAULTS));
        assertEquals("""
                1. stop container demo-web-5 (timeout 10s): scale web=2: replica 5 is not needed
                2. remove container demo-web-5 (after 1): scale web=2: replica 5 is not needed
                3. stop container demo-web-4 (timeout 10s): scale web=2: replica 4 is not needed
                4. remove container demo-web-4 (after 3): scale web=2: replica 4 is not needed
                5. stop container demo-web-3 (timeout 10s): scale web=2: replica 3 is not needed
                6. remove container demo-web-3 (after 5): scale web=2: replica 3 is not needed
                """, plan(project(two), convergedState(project(five)), DEFAULTS));
    }

    @Test
    void containerNameForbidsMoreThanOneReplica() {
        DesiredService fixed = service("web").containerName("my-web").scale(2).build();
        EngineException error = assertThrows(EngineException.class,
                () -> UpReconciler.plan(project(fixed), nothing(), DEFAULTS));
        assertEquals("service web: container_name \"my-web\" allows one container, but scale is 2", error.getMessage());
    }

    @Test
    void orphansAreReportedAndRemovedOnlyWithRemoveOrphans() {
        DesiredService old = service("old").build();
        ObservedState state = observed(webAndDb, List.of(running(db, 1), running(web, 1), running(old, 1)));
        assertEquals("""
                warning: Found orphan containers (demo-old-1) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.
                nothing to do
                """, plan(webAndDb, state, DEFAULTS));
        UpOptions removeOrphans = new UpOptions(null, false, RecreatePolicy.DIVERGED, false, false, true, false, null, null);
        assertEquals("""
                1. stop container demo-old-1 (timeout 10s): orphan: service old is not in the project
                2. remove container demo-old-1 (after 1): orphan: service old is not in the project
                """, plan(webAndDb, state, removeOrphans));
    }

    @Test
    void sharingTheNetworkNamespaceOfARecreatedServiceRecreatesToo() {
        DesiredService sidecar = service("sidecar").refs(new ServiceRefs(List.of(), "db", null, null, List.of())).build();
        DesiredService editedDb = service("db").env("X", "1").volume("data", "/data").build();
        ObservedState state = convergedState(project(db, sidecar));
        assertEquals("""
                1. stop container demo-db-1 (timeout 10s): recreate: environment.X added
                2. remove container demo-db-1 (after 1): recreate: environment.X added
                3. create container demo-db-1 (after 2): recreate: environment.X added
                4. start container demo-db-1 (after 3): recreated
                5. wait for container demo-db-1 service_started (after 4): sidecar depends on db (service_started)
                6. stop container demo-sidecar-1 (timeout 10s) (after 5): recreate: shares namespaces with db, which is recreated
                7. remove container demo-sidecar-1 (after 6): recreate: shares namespaces with db, which is recreated
                8. create container demo-sidecar-1 (after 7): recreate: shares namespaces with db, which is recreated
                9. start container demo-sidecar-1 (after 8): recreated
                """, plan(project(editedDb, sidecar), state, DEFAULTS));
    }

    @Test
    void forceRecreateOfOneServiceLeavesItsDependencyUnlessAlwaysRecreateDeps() {
        ObservedState state = convergedState(webAndDb);
        UpOptions force = DEFAULTS.withServices(Set.of("web")).withRecreate(RecreatePolicy.FORCE);
        assertEquals("""
                1. wait for container demo-db-1 service_started: web depends on db (service_started)
                2. stop container demo-web-1 (timeout 10s) (after 1): recreate: --force-recreate
                3. remove container demo-web-1 (after 2): recreate: --force-recreate
                4. create container demo-web-1 (after 3): recreate: --force-recreate
                5. start container demo-web-1 (after 4): recreated
                """, plan(webAndDb, state, force));
        UpOptions withDeps = new UpOptions(Set.of("web"), false, RecreatePolicy.DIVERGED, true, false, false, false,
                null, null);
        assertEquals("""
                1. stop container demo-db-1 (timeout 10s): recreate: --always-recreate-deps
                2. remove container demo-db-1 (after 1): recreate: --always-recreate-deps
                3. create container demo-db-1 (after 2): recreate: --always-recreate-deps
                4. start container demo-db-1 (after 3): recreated
                """, plan(webAndDb, state, withDeps));
    }

    @Test
    void noRecreateKeepsDivergedContainers() {
        DesiredService editedWeb = service("web").env("FOO", "2").dependsOn(ServiceDependency.started("db")).build();
        assertEquals("nothing to do\n", plan(project(db, editedWeb), convergedState(webAndDb),
                DEFAULTS.withRecreate(RecreatePolicy.NEVER)));
    }

    @Test
    void stoppedContainersAreStartedNotRecreated() {
        ObservedState state = observed(webAndDb, List.of(running(db, 1), container(web, 1, ContainerState.EXITED)));
        assertEquals("""
                1. wait for container demo-db-1 service_started: web depends on db (service_started)
                2. start container demo-web-1 (after 1): container is exited
                """, plan(webAndDb, state, DEFAULTS));
    }

    @Test
    void noStartCreatesWithoutStartingOrWaiting() {
        UpOptions noStart = new UpOptions(null, false, RecreatePolicy.DIVERGED, false, false, false, true, null, null);
        assertEquals("""
                1. create network demo_default: network default does not exist
                2. create volume demo_data: volume data does not exist
                3. create container demo-db-1 (after 1, 2): replica 1 of 1 does not exist
                4. create container demo-web-1 (after 1, 3): replica 1 of 1 does not exist
                """, plan(webAndDb, nothing(), noStart));
    }

    @Test
    void noDepsTouchesOnlyTheNamedService() {
        UpOptions noDeps = new UpOptions(Set.of("web"), true, RecreatePolicy.DIVERGED, false, false, false, false,
                null, null);
        assertEquals("""
                1. create network demo_default: network default does not exist
                2. create container demo-web-1 (after 1): replica 1 of 1 does not exist
                3. start container demo-web-1 (after 2): created
                """, plan(webAndDb, nothing(), noDeps));
    }

    @Test
    void healthyConditionWaitsOnEveryReplicaOfTheDependency() {
        DesiredService api = service("api").scale(2).build();
        DesiredService front = service("front").dependsOn(
                new ServiceDependency("api", DependencyCondition.SERVICE_HEALTHY, true, false)).build();
        DesiredProject project = project(api, front);
        ObservedState state = observed(project, List.of(running(api, 1), running(api, 2)));
        assertEquals("""
                1. wait for container demo-api-1 service_healthy: front depends on api (service_healthy)
                2. wait for container demo-api-2 service_healthy: front depends on api (service_healthy)
                3. create container demo-front-1 (after 1, 2): replica 1 of 1 does not exist
                4. start container demo-front-1 (after 3): created
                """, plan(project, state, DEFAULTS));
    }

    @Test
    void unknownServiceIsAnErrorNamingTheDefinedOnes() {
        EngineException error = assertThrows(EngineException.class,
                () -> UpReconciler.plan(webAndDb, nothing(), DEFAULTS.withServices(Set.of("wbe"))));
        assertEquals("no such service: wbe (defined: db, web)", error.getMessage());
    }
}
