package io.berth.model.load;

import io.berth.model.FileObjectConfig;
import io.berth.model.NetworkConfig;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.model.VolumeConfig;
import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Last phase: the canonical tree into the immutable records of {@code io.berth.model}. */
final class TypedBuilder {
    private final Problems problems;

    TypedBuilder(Problems problems) {
        this.problems = problems;
    }

    Project project(String name, Path workingDir, List<Path> composeFiles, Map<String, Object> canonical,
            Map<String, Object> disabled, List<String> activeProfiles, Map<String, String> variables) {
        Fields root = new Fields(canonical, ComposePath.ROOT, problems);
        ServiceBuilder serviceBuilder = new ServiceBuilder();
        Map<String, Service> services = new TreeMap<>();
        root.entries("services").forEach((serviceName, fields) -> services.put(serviceName, serviceBuilder.service(serviceName, fields)));
        Map<String, Service> disabledServices = new TreeMap<>();
        Fields disabledRoot = new Fields(Map.of("services", disabled), ComposePath.ROOT, problems);
        disabledRoot.entries("services").forEach((serviceName, fields) ->
                disabledServices.put(serviceName, serviceBuilder.service(serviceName, fields)));
        Map<String, NetworkConfig> networks = new TreeMap<>();
        root.entries("networks").forEach((key, fields) -> networks.put(key, network(fields)));
        Map<String, VolumeConfig> volumes = new TreeMap<>();
        root.entries("volumes").forEach((key, fields) -> volumes.put(key, new VolumeConfig(fields.string("name"),
                fields.string("driver"), fields.stringMap("driver_opts"), fields.flag("external"),
                fields.stringMap("labels"), fields.extensions())));
        return new Project(name, workingDir, List.copyOf(composeFiles), frozen(services), frozen(disabledServices),
                frozen(networks), frozen(volumes), fileObjects(root, "secrets"), fileObjects(root, "configs"),
                List.copyOf(activeProfiles), Collections.unmodifiableMap(new TreeMap<>(withoutNulls(variables))),
                root.extensions());
    }

    private static Map<String, String> withoutNulls(Map<String, String> variables) {
        Map<String, String> out = new TreeMap<>();
        variables.forEach((key, value) -> {
            if (value != null) {
                out.put(key, value);
            }
        });
        return out;
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return Collections.unmodifiableMap(map);
    }

    private NetworkConfig network(Fields fields) {
        Fields ipam = fields.child("ipam");
        List<NetworkConfig.IpamPool> pools = new ArrayList<>();
        for (Fields pool : ipam.each("config")) {
            pools.add(new NetworkConfig.IpamPool(pool.string("subnet"), pool.string("gateway"), pool.string("ip_range"),
                    pool.stringMap("aux_addresses")));
        }
        return new NetworkConfig(fields.string("name"), fields.string("driver"), fields.stringMap("driver_opts"),
                new NetworkConfig.Ipam(ipam.string("driver"), List.copyOf(pools), ipam.stringMap("options")),
                fields.flag("external"), fields.flag("internal"), fields.flag("attachable"),
                fields.optionalFlag("enable_ipv6"), fields.stringMap("labels"), fields.extensions());
    }

    private Map<String, FileObjectConfig> fileObjects(Fields root, String kind) {
        Map<String, FileObjectConfig> out = new TreeMap<>();
        root.entries(kind).forEach((key, fields) -> out.put(key, new FileObjectConfig(fields.string("name"),
                fields.string("file"), fields.string("environment"), fields.string("content"), fields.flag("external"),
                fields.stringMap("labels"), fields.extensions())));
        return frozen(out);
    }
}
