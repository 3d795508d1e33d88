package io.berth.cli.network;

import io.berth.runtime.NetworkInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth network ls}: one line per network. */
@Command(name = "ls", aliases = "list", description = "List networks.")
final class NetworkLsCommand implements Callable<Integer> {
    @Option(names = {"-q", "--quiet"}, description = "Only display network names.")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, description = "Filter output (label=KEY=VALUE).")
    List<String> filters;

    @Override
    public Integer call() {
        return LocalState.run(() -> LocalState.list(LocalState.networks().list(LocalState.labelFilter(filters)), quiet,
                NetworkInfo::name, networks -> {
                    String format = "%-12s  %-30s  %-7s  %-18s  %-15s  %s%n";
                    System.out.printf(format, "NETWORK ID", "NAME", "DRIVER", "SUBNET", "GATEWAY", "INTERNAL");
                    for (NetworkInfo network : networks) {
                        System.out.printf(format, network.id().substring(0, 12), network.name(), network.driver(),
                                network.subnet(), network.gateway(), network.internal());
                    }
                }));
    }
}
