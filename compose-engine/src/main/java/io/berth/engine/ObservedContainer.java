package io.berth.engine;

import io.berth.engine.convert.ConfigDiff;
import io.berth.engine.convert.DependsOnLabel;
import io.berth.runtime.ContainerInfo;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * The Compose labels of an observed container, parsed once when the state is observed (as
 * compose's observed_state.go does), so the reconcilers read typed fields instead of strings.
 *
 * @param service     com.docker.compose.service (null on a container Compose did not make)
 * @param number      com.docker.compose.container-number (0 when missing or not a number)
 * @param oneOff      com.docker.compose.oneoff is True ({@code run})
 * @param configHash  com.docker.compose.config-hash (null when missing)
 * @param config      the flattened config of io.berth.config (null when missing: then only the hash says)
 * @param dependsOn   the services of com.docker.compose.depends_on
 * @param conditions  of those, the ones the label gives a condition: service -> condition as written
 *                    ("service_healthy"), checked when a start waits for it
 * @param healthcheck the container has a healthcheck (io.berth.healthcheck, other than NONE)
 */
public record ObservedContainer(String service, int number, boolean oneOff, String configHash,
                                SortedMap<String, String> config, SortedSet<String> dependsOn,
                                SortedMap<String, String> conditions, boolean healthcheck) {

    public static ObservedContainer of(ContainerInfo container) {
        Map<String, String> labels = container.labels();
        ComposeLabels compose = ComposeLabels.of(labels);
        String configJson = labels.get(Labels.CONFIG_JSON);
        String dependsOn = labels.get(Labels.DEPENDS_ON);
        return new ObservedContainer(compose.service(), compose.number(), compose.oneOff(), compose.configHash(),
                configJson == null ? null : ConfigDiff.fromLabel(configJson),
                DependsOnLabel.services(dependsOn), DependsOnLabel.conditions(dependsOn),
                hasHealthcheck(labels.get(Labels.HEALTHCHECK)));
    }

    private static boolean hasHealthcheck(String label) {
        return label != null && !label.contains("\"NONE\"");
    }

}
