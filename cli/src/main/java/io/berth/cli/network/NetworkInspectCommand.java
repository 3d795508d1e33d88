package io.berth.cli.network;

import io.berth.runtime.NetworkDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth network inspect NAME...}: a JSON array shaped like Docker's. */
@Command(name = "inspect", description = "Display detailed information on one or more networks.")
final class NetworkInspectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> names;

    @Override
    public Integer call() {
        return LocalState.inspectEach(names, "network", name -> LocalState.networks().details(name),
                NetworkInspectCommand::docker);
    }

    static Map<String, Object> docker(NetworkDetails record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Name", record.name());
        json.put("Id", record.id());
        json.put("Created", record.createdAt());
        json.put("Scope", "local");
        json.put("Driver", record.driver());
        Map<String, String> ipam = new LinkedHashMap<>();
        ipam.put("Subnet", record.subnet());
        ipam.put("IPRange", record.ipRange());
        ipam.put("Gateway", record.gateway());
        json.put("IPAM", Map.of("Driver", "default", "Config", List.of(ipam)));
        json.put("Internal", record.internal());
        Map<String, Object> containers = new LinkedHashMap<>();
        record.endpoints().forEach((id, endpoint) -> containers.put(id, Map.of("Name", endpoint.containerName(),
                "IPv4Address", endpoint.address() + "/" + record.prefixLength())));
        json.put("Containers", containers);
        json.put("Options", record.driverOptions());
        json.put("Labels", record.labels());
        json.put("Bridge", record.bridge());
        return json;
    }
}
