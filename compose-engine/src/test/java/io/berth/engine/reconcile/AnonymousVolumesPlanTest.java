package io.berth.engine.reconcile;

import static io.berth.engine.TestProjects.observed;
import static io.berth.engine.TestProjects.project;
import static io.berth.engine.TestProjects.running;
import static io.berth.engine.TestProjects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.berth.engine.Action;
import io.berth.engine.DesiredProject;
import io.berth.engine.DesiredService;
import io.berth.engine.ObservedState;
import io.berth.engine.Plan;
import io.berth.engine.RecreatePolicy;
import io.berth.engine.ServiceRefs;
import io.berth.engine.TestProjects;
import io.berth.engine.UpOptions;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.MountSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Anonymous volumes across a recreate, as Docker Compose v2 (create.go buildContainerMountOptions):
 * the new container gets the old one's volume at each anonymous target and image VOLUME path;
 * {@code -V} gives fresh ones; the old container is removed without -v either way.
 */
class AnonymousVolumesPlanTest {
    private static final String OLD_CACHE = "a".repeat(64);
    private static final String OLD_IMAGE_VOLUME = "b".repeat(64);
    private static final UpOptions FORCE = UpOptions.defaults().withRecreate(RecreatePolicy.FORCE);
    private static final UpOptions FORCE_RENEW = new UpOptions(null, false, RecreatePolicy.FORCE, false, true,
            false, false, null, null);

    private final DesiredService web = service("web").anonymousVolume("/cache").build();
    private final DesiredProject project = project(web);

    /** web-1 as the runtime reports it: mounts resolved, the image's /www volume added. */
    private ObservedState existing(ImageInfo image) {
        ContainerInfo created = running(web, 1);
        ContainerInfo resolved = withMounts(created, List.of(
                new MountSpec(MountSpec.Type.VOLUME, OLD_CACHE, "/cache", false, Map.of(MountSpec.ANONYMOUS, "true")),
                new MountSpec(MountSpec.Type.VOLUME, OLD_IMAGE_VOLUME, "/www", false, Map.of(MountSpec.ANONYMOUS, "true"))));
        ObservedState state = observed(project, List.of(resolved));
        return new ObservedState(state.project(), state.containers(), state.networks(), state.volumes(),
                Map.of(TestProjects.BUSYBOX.familiar(), image));
    }

    @Test
    void aRecreateKeepsTheOldAnonymousVolumesAndSaysSo() {
        Plan plan = UpReconciler.plan(project, existing(imageWithVolume("/www")), FORCE);
        assertEquals("""
                1. stop container demo-web-1 (timeout 10s): recreate: --force-recreate
                2. remove container demo-web-1 (after 1): recreate: --force-recreate
                3. create container demo-web-1 (after 2): recreate: --force-recreate; keeps the anonymous volumes at /cache, /www
                4. start container demo-web-1 (after 3): recreated
                """, plan.render());
        List<MountSpec> mounts = created(plan).mounts();
        assertEquals(List.of(OLD_CACHE, OLD_IMAGE_VOLUME), mounts.stream().map(MountSpec::source).toList());
        assertEquals(List.of("/cache", "/www"), mounts.stream().map(MountSpec::target).toList());
    }

    @Test
    void anImageThatNoLongerDeclaresTheVolumeDoesNotCarryIt() {
        Plan plan = UpReconciler.plan(project, existing(imageWithVolume("/other")), FORCE);
        assertEquals(List.of(OLD_CACHE), created(plan).mounts().stream().map(MountSpec::source).toList());
    }

    @Test
    void renewAnonVolumesGivesFreshOnesAndLeavesTheOldOnesBehind() {
        Plan plan = UpReconciler.plan(project, existing(imageWithVolume("/www")), FORCE_RENEW);
        assertEquals("""
                1. stop container demo-web-1 (timeout 10s): recreate: -V (renew anonymous volumes)
                2. remove container demo-web-1 (after 1): recreate: -V (renew anonymous volumes)
                3. create container demo-web-1 (after 2): recreate: -V (renew anonymous volumes); new anonymous volumes at /cache, /www
                4. start container demo-web-1 (after 3): recreated
                """, plan.render());
        assertNull(created(plan).mounts().get(0).source(), "the runtime names a fresh one");
        assertEquals(1, created(plan).mounts().size(), "the image's volume comes from the runtime");
    }

    @Test
    void volumesFromAServiceNamesItsFirstReplicaForTheRuntimeToResolve() {
        DesiredService reader = service("reader").refs(new ServiceRefs(List.of(), null, null, null,
                List.of(new ServiceRefs.VolumesFrom("web", true)))).build();
        Plan plan = UpReconciler.plan(project(web, reader), TestProjects.nothing(), UpOptions.defaults());
        MountSpec mount = plan.steps().stream()
                .filter(step -> step.action() instanceof Action.CreateContainer create
                        && create.spec().name().equals("demo-reader-1"))
                .map(step -> ((Action.CreateContainer) step.action()).spec().mounts().get(0)).findFirst().orElseThrow();
        assertEquals(MountSpec.volumesFrom("demo-web-1", "ro"), mount);
    }

    private static io.berth.runtime.ContainerSpec created(Plan plan) {
        return plan.steps().stream().filter(step -> step.action() instanceof Action.CreateContainer)
                .map(step -> ((Action.CreateContainer) step.action()).spec()).findFirst().orElseThrow();
    }

    private static ImageInfo imageWithVolume(String path) {
        ImageInfo base = TestProjects.image("1");
        return new ImageInfo(base.id(), base.references(), base.sizeBytes(), base.createdAt(),
                new ImageInfo.Config(null, List.of("sh"), null, null, null, null, List.of(path), null, null));
    }

    private static ContainerInfo withMounts(ContainerInfo info, List<MountSpec> mounts) {
        return new ContainerInfo(info.id(), info.name(), info.spec().withMounts(mounts), info.image(), info.state(),
                info.pid(), info.exitCode(), info.oomKilled(), info.createdAt(), info.startedAt(), info.finishedAt(),
                info.restartCount(), info.addresses(), info.ports(), info.health());
    }
}
