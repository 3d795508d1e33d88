package io.berth.engine.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.engine.Action;
import io.berth.engine.BuildOptions;
import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.EngineException;
import io.berth.engine.ObservedState;
import io.berth.engine.TestProjects;
import io.berth.engine.Plan;
import io.berth.engine.UpOptions;
import io.berth.model.LoadOptions;
import io.berth.model.ProjectLoader;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.build.BuildRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull and build decisions as Docker Compose v2 makes them (pull.go mustPull, build.go), as printed plans. */
class BuildPlanGoldenTest {
    private static final String FILE = """
            services:
              web:
                build: ./web
              api:
                image: registry.example/api:1
                build: ./api
              tool:
                build: ./tool
                pull_policy: build
              db:
                image: busybox:local
            """;

    @TempDir
    Path directory;

    private DesiredProject project(String file) throws Exception {
        Files.writeString(directory.resolve("compose.yaml"), file);
        return ComposeEngine.desired(ProjectLoader.load(LoadOptions.of(directory, Map.of()).withProjectName("app")), Map.of());
    }

    private static ObservedState with(String... images) {
        Map<String, ImageInfo> present = new HashMap<>(Map.of("busybox:local", TestProjects.BUSYBOX_IMAGE));
        for (String image : images) {
            present.put(image, TestProjects.image("2"));
        }
        return new ObservedState("app", List.of(), List.of(), List.of(), present);
    }

    @Test
    void aNamedImageThatCanBuildIsPulledFirstAndTheRestBuildWhenMissing() throws Exception {
        DesiredProject project = project(FILE);
        assertEquals("""
                1. pull image registry.example/api:1 (built if the pull fails): image is not present (service api)
                """, UpReconciler.planImages(project, with(), UpOptions.defaults()).render());
        assertEquals("""
                1. build image registry.example/api:1: image registry.example/api:1 is not present
                2. build image app-tool:latest: pull_policy: build
                3. build image app-web:latest: image app-web:latest is not present
                """, UpReconciler.planBuilds(project, with(), UpOptions.defaults()).render());
    }

    @Test
    void presentImagesAreNotRebuiltExceptWithPullPolicyBuildOrDashDashBuild() throws Exception {
        DesiredProject project = project(FILE);
        ObservedState all = with("app-web:latest", "app-tool:latest", "registry.example/api:1");
        assertEquals("nothing to do\n", UpReconciler.planImages(project, all, UpOptions.defaults()).render());
        assertEquals("1. build image app-tool:latest: pull_policy: build\n",
                UpReconciler.planBuilds(project, all, UpOptions.defaults()).render());
        assertEquals("""
                1. build image registry.example/api:1: --build
                2. build image app-tool:latest: --build
                3. build image app-web:latest: --build
                """, UpReconciler.planBuilds(project, all, UpOptions.defaults().withBuild(BuildOptions.forUp(true, false)))
                .render());
        assertEquals("nothing to do\n", UpReconciler.planImages(project, all,
                UpOptions.defaults().withBuild(BuildOptions.forUp(true, false))).render());
    }

    @Test
    void noBuildNeverBuildsAndAMissingImageIsAClearError() throws Exception {
        DesiredProject project = project(FILE);
        UpOptions noBuild = UpOptions.defaults().withBuild(BuildOptions.forUp(false, true));
        assertEquals("nothing to do\n", UpReconciler.planBuilds(project, with(), noBuild).render());
        EngineException missing = assertThrows(EngineException.class,
                () -> UpReconciler.planImages(project, with("app-tool:latest", "registry.example/api:1"), noBuild));
        assertEquals("service web: image app-web:latest is not present and --no-build was given (run berth build web,"
                + " or up without --no-build)", missing.getMessage());
        // a named image is pulled, as Compose does with --no-build
        assertEquals("1. pull image registry.example/api:1: image is not present (service api)\n",
                UpReconciler.planImages(project, with("app-web:latest", "app-tool:latest"), noBuild).render());
    }

    @Test
    void afterTheImagePhaseTheConvergePlanNeitherPullsNorBuilds() throws Exception {
        DesiredProject project = project(FILE);
        String plan = UpReconciler.plan(project, with("app-web:latest", "app-tool:latest", "registry.example/api:1"),
                UpOptions.defaults().withImagesPulled()).render();
        assertTrue(!plan.contains("build image") && !plan.contains("pull image"), plan);
    }

    @Test
    void aDryRunShowsTheBuildsInTheConvergePlan() throws Exception {
        DesiredProject project = project(FILE);
        String plan = UpReconciler.plan(project, with(), UpOptions.defaults()).render();
        assertTrue(plan.contains("build image app-web:latest: image app-web:latest is not present"), plan);
        assertTrue(plan.contains("build image app-tool:latest: pull_policy: build"), plan);
    }

    @Test
    void aContainerOfAnOlderImageIsRecreatedAndThePlanSaysImageChanged() throws Exception {
        DesiredProject project = project("services:\n  web:\n    build: .\n");
        ContainerInfo old = TestProjects.running(project.services().get("web"), 1);
        ObservedState rebuilt = new ObservedState("app", List.of(old), List.of(), List.of(),
                Map.of("app-web:latest", TestProjects.image("3")));
        assertEquals("""
                1. create network app_default: network default does not exist
                2. stop container demo-web-1 (timeout 10s) (after 1): recreate: image app-web:latest changed (111111111111 -> 333333333333)
                3. remove container demo-web-1 (after 2): recreate: image app-web:latest changed (111111111111 -> 333333333333)
                4. create container app-web-1 (after 3): recreate: image app-web:latest changed (111111111111 -> 333333333333)
                5. start container app-web-1 (after 4): recreated
                """, UpReconciler.plan(project, rebuilt, UpOptions.defaults().withImagesPulled()).render());
    }

    @Test
    void aServiceContextIsBuiltFirst() throws Exception {
        DesiredProject project = project("""
                services:
                  base:
                    build: ./base
                  web:
                    build:
                      context: ./web
                      additional_contexts:
                        base: service:base
                        assets: ./assets
                """);
        assertEquals("""
                1. build image app-base:latest: image app-base:latest is not present
                2. build image app-web:latest (after 1): image app-web:latest is not present
                """, UpReconciler.planBuilds(project, with(), UpOptions.defaults()).render());
        UpOptions onlyWeb = new UpOptions(java.util.Set.of("web"), true, null, false, false, false, false, null, null,
                false, BuildOptions.always(false, false, Map.of()));
        Plan plan = UpReconciler.planBuilds(project, with(), onlyWeb);
        assertEquals("""
                1. build image app-base:latest: --build (a build context of web)
                2. build image app-web:latest (after 1): --build
                """, plan.render());
        BuildRequest web = ((Action.BuildImage) plan.steps().get(1).action()).request();
        assertEquals("{base=Image[reference=app-base:latest], assets=Directory[path=" + directory.resolve("assets") + "]}",
                web.namedContexts().toString().replace("ImageReference", "").replaceAll("Image\\[reference=[^]]*app-base[^]]*]",
                        "Image[reference=app-base:latest]"));
    }

    @Test
    void whatBerthCannotBuildIsRefusedNamingServiceAndKey() throws Exception {
        DesiredProject project = project("""
                services:
                  web:
                    build:
                      context: https://github.com/example/app.git
                      ssh: [default]
                      platforms: [linux/s390x]
                      cache_from: [type=registry,ref=example/cache]
                  api:
                    build:
                      context: .
                      network: backend
                """);
        EngineException refused = assertThrows(EngineException.class,
                () -> UpReconciler.planBuilds(project, with(), UpOptions.defaults()));
        assertEquals("""
                service api: build.network: build network "backend" is not supported (use default, none or host)
                service web: build.context: "https://github.com/example/app.git" is a remote context; berth builds from \
                local directories only (clone it and point build.context at the directory)
                service web: build.ssh: SSH agent forwarding into builds is not supported (default); use a build secret \
                (build.secrets) instead
                service web: build.platforms: berth builds for this host's platform only (linux/amd64), not linux/s390x""",
                refused.getMessage().replace("linux/arm64", "linux/amd64"));
    }

    @Test
    void cacheFromIsAWarningAndCommandFlagsGoIntoTheRequest() throws Exception {
        DesiredProject project = project("""
                services:
                  web:
                    build:
                      context: .
                      args: {A: file, B: file}
                      cache_from: [example/cache]
                      tags: [example/web:1]
                      labels: {team: one}
                """);
        UpOptions options = UpOptions.defaults().withBuild(BuildOptions.always(true, true, Map.of("B", "flag")));
        Plan plan = UpReconciler.planBuilds(project, with(), options);
        assertEquals(List.of("service web: build.cache_from is not used: berth's builder keeps its cache on this host"
                + " (example/cache)"), plan.warnings());
        BuildRequest request = ((Action.BuildImage) plan.steps().get(0).action()).request();
        assertEquals("{A=file, B=flag}", request.buildArgs().toString());
        assertTrue(request.noCache() && request.pull());
        assertEquals("[app-web:latest, example/web:1]", request.tags().stream().map(tag -> tag.familiar()).toList().toString());
        assertEquals("app", request.labels().get("com.docker.compose.project"));
        assertEquals("web", request.labels().get("com.docker.compose.service"));
        assertEquals("one", request.labels().get("team"));
        assertEquals(directory, request.contextDir());
    }
}
