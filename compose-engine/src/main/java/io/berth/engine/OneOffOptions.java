package io.berth.engine;

import io.berth.model.PortConfig;
import io.berth.model.ServiceVolume;
import java.util.List;

/**
 * How {@code run} changes the service for a one-off container: a null field keeps the service's.
 *
 * @param environment  KEY=VALUE entries added after the service's
 * @param volumes      {@code -v}: mounts added to the service's (one on the same target replaces it)
 * @param publish      {@code -p}: ports published (a one-off publishes none of the service's by default)
 * @param servicePorts {@code --service-ports}: publish the service's ports too
 * @param useAliases   {@code --use-aliases}: reachable by the service's name and network aliases
 */
public record OneOffOptions(String name, List<String> command, List<String> entrypoint, List<String> environment,
                            String user, String workingDir, boolean tty, boolean interactive,
                            List<ServiceVolume> volumes, List<PortConfig> publish, boolean servicePorts,
                            boolean useAliases) {
    public OneOffOptions {
        environment = environment == null ? List.of() : List.copyOf(environment);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        publish = publish == null ? List.of() : List.copyOf(publish);
    }

    public OneOffOptions(String name, List<String> command, List<String> entrypoint, List<String> environment,
                         String user, String workingDir, boolean tty, boolean interactive) {
        this(name, command, entrypoint, environment, user, workingDir, tty, interactive, List.of(), List.of(), false,
                false);
    }
}
