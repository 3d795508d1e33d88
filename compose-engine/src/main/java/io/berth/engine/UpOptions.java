package io.berth.engine;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code up} (and {@code create}) was asked: the services (empty: all), and the flags.
 *
 * @param stopTimeout for containers stopped to be recreated or removed; null: each service's
 *                    stop_grace_period, else 10 s
 * @param waitTimeout how long to wait for a depends_on condition before failing
 * @param imagesPulled the images were just pulled and built (pull_policy: always and build are satisfied)
 * @param build        --build, --no-build and what a build is asked (BuildOptions.DEFAULT: build what is missing)
 */
public record UpOptions(Set<String> services, boolean noDeps, RecreatePolicy recreate,
                        boolean alwaysRecreateDeps, boolean renewAnonVolumes, boolean removeOrphans,
                        boolean noStart, Duration stopTimeout, Duration waitTimeout, boolean imagesPulled,
                        BuildOptions build) {
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);

    public UpOptions {
        services = Collections.unmodifiableSortedSet(new TreeSet<>(services == null ? Set.of() : services));
        recreate = recreate == null ? RecreatePolicy.DIVERGED : recreate;
        waitTimeout = waitTimeout == null ? DEFAULT_WAIT : waitTimeout;
        build = build == null ? BuildOptions.DEFAULT : build;
    }

    public UpOptions(Set<String> services, boolean noDeps, RecreatePolicy recreate, boolean alwaysRecreateDeps,
                     boolean renewAnonVolumes, boolean removeOrphans, boolean noStart, Duration stopTimeout,
                     Duration waitTimeout, boolean imagesPulled) {
        this(services, noDeps, recreate, alwaysRecreateDeps, renewAnonVolumes, removeOrphans, noStart, stopTimeout,
                waitTimeout, imagesPulled, BuildOptions.DEFAULT);
    }

    public UpOptions(Set<String> services, boolean noDeps, RecreatePolicy recreate, boolean alwaysRecreateDeps,
                     boolean renewAnonVolumes, boolean removeOrphans, boolean noStart, Duration stopTimeout,
                     Duration waitTimeout) {
        this(services, noDeps, recreate, alwaysRecreateDeps, renewAnonVolumes, removeOrphans, noStart, stopTimeout,
                waitTimeout, false);
    }

    public UpOptions withImagesPulled() {
        return new UpOptions(services, noDeps, recreate, alwaysRecreateDeps, renewAnonVolumes, removeOrphans,
                noStart, stopTimeout, waitTimeout, true, build);
    }

    public UpOptions withBuild(BuildOptions options) {
        return new UpOptions(services, noDeps, recreate, alwaysRecreateDeps, renewAnonVolumes, removeOrphans,
                noStart, stopTimeout, waitTimeout, imagesPulled, options);
    }

    public static UpOptions defaults() {
        return new UpOptions(null, false, RecreatePolicy.DIVERGED, false, false, false, false, null, null);
    }

    public UpOptions withServices(Set<String> selected) {
        return new UpOptions(new TreeSet<>(selected), noDeps, recreate, alwaysRecreateDeps, renewAnonVolumes,
                removeOrphans, noStart, stopTimeout, waitTimeout, imagesPulled, build);
    }

    public UpOptions withRecreate(RecreatePolicy policy) {
        return new UpOptions(services, noDeps, policy, alwaysRecreateDeps, renewAnonVolumes, removeOrphans,
                noStart, stopTimeout, waitTimeout, imagesPulled, build);
    }
}
