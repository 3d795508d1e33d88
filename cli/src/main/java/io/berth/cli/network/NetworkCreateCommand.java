package io.berth.cli.network;

import io.berth.runtime.NetworkSpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network create NAME}: a bridge network, outside any project (usable as external). */
@Command(name = "create", description = "Create a network.")
final class NetworkCreateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETWORK")
    String name;

    @Option(names = {"-d", "--driver"}, defaultValue = "bridge", description = "Driver (only bridge).")
    String driver;

    @Option(names = "--subnet", description = "Subnet in CIDR form; default: the next free one of the pool.")
    String subnet;

    @Option(names = "--ip-range", description = "Allocate container addresses from this sub-range.")
    String ipRange;

    @Option(names = "--gateway", description = "Gateway address of the subnet.")
    String gateway;

    @Option(names = "--internal", description = "No way out: no default route, no NAT.")
    boolean internal;

    @Option(names = "--label", description = "KEY=VALUE metadata.")
    List<String> labels;

    @Option(names = {"-o", "--opt"}, description = "Driver options KEY=VALUE.")
    List<String> options;

    @Override
    public Integer call() {
        return LocalState.run(() -> {
            LocalState.networks().create(new NetworkSpec(name, driver, LocalState.keyValues(labels), subnet, ipRange,
                    gateway, internal, LocalState.keyValues(options)));
            System.out.println(name);
            return 0;
        });
    }
}
