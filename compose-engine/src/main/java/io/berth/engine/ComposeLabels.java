package io.berth.engine;

import io.berth.runtime.ContainerInfo;
import java.util.Map;

/**
 * Compose's labels of a container as typed values: the one place that reads them out of a label
 * map ({@link Labels} holds their names), for the engine and the CLI alike.
 *
 * @param project     com.docker.compose.project, or null (not a Compose container)
 * @param service     com.docker.compose.service, or null
 * @param number      com.docker.compose.container-number; 0 when absent or not a number
 * @param oneOff      com.docker.compose.oneoff is "True" (any case): a {@code run} container
 * @param configHash  com.docker.compose.config-hash, or null
 * @param configFiles com.docker.compose.project.config_files, or "" when absent
 */
public record ComposeLabels(String project, String service, int number, boolean oneOff, String configHash,
                            String configFiles) {

    public static ComposeLabels of(ContainerInfo container) {
        return of(container.labels());
    }

    public static ComposeLabels of(Map<String, String> labels) {
        return new ComposeLabels(labels.get(Labels.PROJECT), labels.get(Labels.SERVICE),
                number(labels.get(Labels.CONTAINER_NUMBER)),
                "True".equalsIgnoreCase(labels.getOrDefault(Labels.ONEOFF, "False")), labels.get(Labels.CONFIG_HASH),
                labels.getOrDefault(Labels.CONFIG_FILES, ""));
    }

    /** The service, or "" for a container that has none (to sort and compare without nulls). */
    public String serviceOrEmpty() {
        return service == null ? "" : service;
    }

    private static int number(String label) {
        try {
            return label == null ? 0 : Integer.parseInt(label);
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
