package io.berth.model;

import java.util.List;
import java.util.Map;

/**
 * One lifecycle hook of a service ({@code post_start:} or {@code pre_stop:}): a command run in the
 * service's container, as an exec. Null {@code user}/{@code workingDir}: the container's.
 * {@code environment}: ordered, a null value means "unset" (named without a value).
 */
public record ServiceHook(List<String> command, String user, boolean privileged, String workingDir,
                          Map<String, String> environment) {
    public ServiceHook {
        command = List.copyOf(command);
        environment = environment == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }
}
