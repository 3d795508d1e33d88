package io.berth.engine.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.ObservedState;
import io.berth.engine.UpOptions;
import io.berth.model.LoadOptions;
import io.berth.model.ProjectLoader;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pull_policy daily, weekly, every_<duration>: pull when the last recorded pull is older than that, as Compose. */
class RefreshPullPolicyTest {
    private static final String FILE = """
            services:
              daily:
                image: registry.example/daily:1
                pull_policy: daily
              often:
                image: registry.example/often:1
                pull_policy: every_2h
            """;

    @TempDir
    Path directory;

    private DesiredProject project() throws Exception {
        Files.writeString(directory.resolve("compose.yaml"), FILE);
        return ComposeEngine.desired(ProjectLoader.load(LoadOptions.of(directory, Map.of()).withProjectName("app")), Map.of());
    }

    private static ImageInfo pulledAgo(String name, String hexDigit, Duration ago) {
        ImageReference reference = ImageReference.parse(name);
        Map<String, Instant> pulled = ago == null ? Map.of() : Map.of(reference.canonical(), Instant.now().minus(ago));
        return new ImageInfo(new Digest("sha256", hexDigit.repeat(64)), List.of(reference), 1, Instant.EPOCH, null, pulled);
    }

    private static ObservedState with(ImageInfo daily, ImageInfo often) {
        return new ObservedState("app", List.of(), List.of(), List.of(),
                Map.of("registry.example/daily:1", daily, "registry.example/often:1", often));
    }

    @Test
    void recentPullsAreKeptAndOldOnesPulledAgain() throws Exception {
        DesiredProject project = project();
        ObservedState fresh = with(pulledAgo("registry.example/daily:1", "1", Duration.ofHours(23)),
                pulledAgo("registry.example/often:1", "2", Duration.ofMinutes(90)));
        assertEquals("nothing to do\n", UpReconciler.planImages(project, fresh, UpOptions.defaults()).render());

        ObservedState stale = with(pulledAgo("registry.example/daily:1", "1", Duration.ofHours(25)),
                pulledAgo("registry.example/often:1", "2", Duration.ofHours(3)));
        String plan = UpReconciler.planImages(project, stale, UpOptions.defaults()).render();
        assertEquals(2, plan.lines().filter(line -> line.contains("pull image")).count(), plan);
        assertEquals(true, plan.contains("pull_policy: daily, last pulled"), plan);
        assertEquals(true, plan.contains("pull_policy: every_2h, last pulled"), plan);
    }

    @Test
    void anImageNeverPulledOrMissingIsPulled() throws Exception {
        DesiredProject project = project();
        ObservedState loaded = new ObservedState("app", List.of(), List.of(), List.of(),
                Map.of("registry.example/daily:1", pulledAgo("registry.example/daily:1", "1", null)));
        assertEquals("""
                1. pull image registry.example/daily:1: pull_policy: daily, no pull recorded (service daily)
                2. pull image registry.example/often:1: pull_policy: every_2h, image is not present (service often)
                """, UpReconciler.planImages(project, loaded, UpOptions.defaults()).render());
        assertEquals("nothing to do\n", UpReconciler.planImages(project, with(
                pulledAgo("registry.example/daily:1", "1", null), pulledAgo("registry.example/often:1", "2", null)),
                UpOptions.defaults().withImagesPulled()).render(), "pulled in this up already");
    }
}
