package io.berth.cli.volume;

import io.berth.cli.network.LocalState;
import io.berth.runtime.VolumeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth volume ls}: driver and name, like Docker. */
@Command(name = "ls", aliases = "list", description = "List volumes.")
final class VolumeLsCommand implements Callable<Integer> {
    @Option(names = {"-q", "--quiet"}, description = "Only display volume names.")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, description = "Filter output (label=KEY=VALUE, dangling=true|false).")
    List<String> filters;

    @Override
    public Integer call() {
        return LocalState.run(() -> {
            // dangling: no container uses the volume (as Docker; e.g. anonymous ones left by down or -V)
            Boolean dangling = null;
            List<String> labelFilters = new ArrayList<>();
            for (String filter : filters == null ? List.<String>of() : filters) {
                if (filter.startsWith("dangling=")) {
                    dangling = Boolean.parseBoolean(filter.substring("dangling=".length()))
                            || filter.equals("dangling=1");
                } else {
                    labelFilters.add(filter);
                }
            }
            var store = LocalState.volumes();
            List<VolumeInfo> volumes = new ArrayList<>(store.list(LocalState.labelFilter(labelFilters)));
            if (dangling != null) {
                boolean wanted = dangling;
                volumes.removeIf(volume -> store.users(volume.name())
                        .map(users -> users.isEmpty() != wanted).orElse(true));
            }
            return LocalState.list(volumes, quiet, VolumeInfo::name, shown -> {
                System.out.printf("%-8s  %s%n", "DRIVER", "VOLUME NAME");
                shown.forEach(volume -> System.out.printf("%-8s  %s%n", volume.driver(), volume.name()));
            });
        });
    }
}
