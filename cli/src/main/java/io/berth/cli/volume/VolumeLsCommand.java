package io.berth.cli.volume;

import io.berth.cli.network.LocalState;
import io.berth.runtime.VolumeInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth volume ls}: driver and name, like Docker. */
@Command(name = "ls", aliases = "list", description = "List volumes.")
final class VolumeLsCommand implements Callable<Integer> {
    @Option(names = {"-q", "--quiet"}, description = "Only display volume names.")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, description = "Filter output (label=KEY=VALUE).")
    List<String> filters;

    @Override
    public Integer call() {
        return LocalState.run(() -> LocalState.list(LocalState.volumes().list(LocalState.labelFilter(filters)), quiet,
                VolumeInfo::name, volumes -> {
                    System.out.printf("%-8s  %s%n", "DRIVER", "VOLUME NAME");
                    volumes.forEach(volume -> System.out.printf("%-8s  %s%n", volume.driver(), volume.name()));
                }));
    }
}
