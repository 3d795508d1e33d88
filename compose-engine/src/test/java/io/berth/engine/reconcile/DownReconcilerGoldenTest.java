package io.berth.engine.reconcile;

import static io.berth.engine.TestProjects.container;
import static io.berth.engine.TestProjects.observed;
import static io.berth.engine.TestProjects.project;
import static io.berth.engine.TestProjects.running;
import static io.berth.engine.TestProjects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.engine.DesiredProject;
import io.berth.engine.DesiredService;
import io.berth.engine.DownOptions;
import io.berth.engine.ObservedState;
import io.berth.engine.ServiceDependency;
import io.berth.runtime.ContainerState;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownReconcilerGoldenTest {
    private final DesiredService db = service("db").volume("data", "/data").build();
    private final DesiredService api = service("api").dependsOn(ServiceDependency.started("db")).build();
    private final DesiredService web = service("web").scale(2).dependsOn(ServiceDependency.started("api")).build();
    private final DesiredProject project = project(db, api, web);
    private final ObservedState state = observed(project, List.of(running(db, 1), running(api, 1), running(web, 1),
            container(web, 2, ContainerState.EXITED)));

    @Test
    void withoutTheFileStopsInReverseDependencyOrderFromTheLabels() {
        assertEquals("""
                1. stop container demo-web-1 (timeout 10s): down
                2. remove container demo-web-1 (after 1): down
                3. remove container demo-web-2: down
                4. stop container demo-api-1 (timeout 10s) (after 1, 3): down
                5. remove container demo-api-1 (after 4): down
                6. stop container demo-db-1 (timeout 10s) (after 4): down
                7. remove container demo-db-1 (after 6): down
                8. remove network demo_default (after 2, 3, 5, 7): down
                """, DownReconciler.plan(null, state, DownOptions.defaults()).render());
    }

    @Test
    void withVolumesRemovesTheProjectsVolumesLast() {
        ObservedState dbOnly = observed(project, List.of(running(db, 1)));
        assertEquals("""
                1. stop container demo-db-1 (timeout 10s): down
                2. remove container demo-db-1 and its anonymous volumes (after 1): down
                3. remove network demo_default (after 2): down
                4. remove volume demo_data (after 2): down -v
                """, DownReconciler.plan(project, dbOnly, new DownOptions(true, false, null)).render());
    }

    @Test
    void withTheFileLeavesOrphansUnlessAsked() {
        DesiredService old = service("old").build();
        ObservedState withOrphan = observed(project, List.of(running(db, 1), running(old, 1)));
        assertEquals("""
                warning: Found orphan containers (demo-old-1) for this project. Run down with --remove-orphans to remove them.
                1. stop container demo-db-1 (timeout 10s): down
                2. remove container demo-db-1 (after 1): down
                3. remove network demo_default (after 2): down
                """, DownReconciler.plan(project, withOrphan, DownOptions.defaults()).render());
    }
}
