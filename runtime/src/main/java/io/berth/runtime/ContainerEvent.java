package io.berth.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to a container, as the supervisor saw it, named as Docker names its
 * container events: {@code create}, {@code start}, {@code die} (attribute {@code exitCode}),
 * {@code oom}, {@code kill} ({@code signal}), {@code stop}, {@code restart}, {@code destroy},
 * {@code pause}, {@code unpause}, {@code health_status: healthy} (and {@code unhealthy}, {@code starting}).
 *
 * @param sequence   its place in the supervisor's feed (grows by one per event; a new supervisor starts again)
 * @param attributes the container's name, image and labels, plus the action's own ({@code exitCode}, {@code signal})
 */
public record ContainerEvent(long sequence, Instant time, String action, ContainerId id, Map<String, String> attributes) {
    public ContainerEvent {
        attributes = Map.copyOf(attributes);
    }
}
