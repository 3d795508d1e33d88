package io.berth.engine;

/**
 * The labels Berth puts on what it creates: Docker Compose's names, so that the same tools and
 * habits work, plus {@link #CONFIG_JSON}, Berth's own, to say which field changed.
 */
public final class Labels {
    public static final String PROJECT = "com.docker.compose.project";
    public static final String SERVICE = "com.docker.compose.service";
    public static final String CONTAINER_NUMBER = "com.docker.compose.container-number";
    public static final String CONFIG_HASH = "com.docker.compose.config-hash";
    public static final String ONEOFF = "com.docker.compose.oneoff";
    public static final String WORKING_DIR = "com.docker.compose.project.working_dir";
    public static final String CONFIG_FILES = "com.docker.compose.project.config_files";
    public static final String DEPENDS_ON = "com.docker.compose.depends_on";
    public static final String IMAGE = "com.docker.compose.image";
    public static final String VERSION = "com.docker.compose.version";
    public static final String NETWORK = "com.docker.compose.network";
    public static final String VOLUME = "com.docker.compose.volume";
    /** The service's config as compact, flattened JSON: lets a plan name the changed fields. */
    public static final String CONFIG_JSON = "io.berth.config";
    /**
     * The service's healthcheck for the supervisor, as compact JSON: {"test":["CMD-SHELL","..."],
     * "interval_ms":..,"timeout_ms":..,"start_period_ms":..,"start_interval_ms":..,"retries":..}
     * (absent durations and retries omitted: Docker's defaults apply). ContainerSpec has no
     * healthcheck field yet; a label keeps the record's constructor unchanged for everyone.
     */
    public static final String HEALTHCHECK = "io.berth.healthcheck";
    /** What Berth writes in {@link #VERSION}. */
    public static final String BERTH_VERSION = "berth-0.1.0";

    private Labels() {
    }
}
