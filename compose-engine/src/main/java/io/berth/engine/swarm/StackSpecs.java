package io.berth.engine.swarm;

import io.berth.model.FileObjectConfig;
import io.berth.model.NetworkConfig;
import io.berth.model.Project;
import io.berth.model.Service;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * A project as a {@link StackSpec}. Networks are overlay networks unless the file names another
 * driver; the stack's name is the project's. Secrets and configs are read here (file, environment,
 * content) and named by their content.
 */
public final class StackSpecs {
    private StackSpecs() {
    }

    /** The secrets and configs the services use, with their content-versioned names. */
    public static Map<String, StackSpec.FileObject> fileObjects(Project project, boolean secrets) throws SwarmException {
        Map<String, StackSpec.FileObject> objects = new TreeMap<>();
        TreeSet<String> used = new TreeSet<>();
        for (Service service : project.services().values()) {
            (secrets ? service.secrets() : service.configs()).forEach(reference -> used.add(reference.source()));
        }
        for (String key : used) {
            FileObjectConfig config = (secrets ? project.secrets() : project.configs()).get(key);
            if (config == null) {
                continue;
            }
            if (config.external()) {
                objects.put(key, new StackSpec.FileObject(config.name(), null, Map.of()));
                continue;
            }
            byte[] content = content(project, config, (secrets ? "secrets." : "configs.") + key);
            Map<String, String> labels = new TreeMap<>(config.labels());
            labels.put(StackSpec.NAMESPACE, project.name());
            objects.put(key, new StackSpec.FileObject(SwarmNames.versioned(project.name(), key, content), content, labels));
        }
        return objects;
    }

    /** The whole stack; {@code ids} gives the swarm's id of a secret (true) or config (false) by name. */
    public static StackSpec build(Project project, Map<String, StackSpec.FileObject> secrets,
                                  Map<String, StackSpec.FileObject> configs, BiFunction<String, Boolean, String> ids) {
        TreeSet<String> warnings = new TreeSet<>();
        Map<String, String> names = new LinkedHashMap<>();
        secrets.forEach((key, object) -> names.put("secrets." + key, object.name()));
        configs.forEach((key, object) -> names.put("configs." + key, object.name()));
        StackContext context = new StackContext(project, names, ids, warnings);
        Map<String, Map<String, Object>> services = new TreeMap<>();
        TreeSet<String> usedNetworks = new TreeSet<>();
        for (Service service : project.services().values()) {
            SwarmWarnings.warn(service, context);
            services.put(SwarmNames.scoped(project.name(), service.name()), ServiceSpecs.spec(context, service));
            usedNetworks.addAll(context.networksOf(service));
        }
        Map<String, Map<String, Object>> networks = new TreeMap<>();
        List<String> external = new ArrayList<>();
        for (String network : usedNetworks) {
            NetworkConfig config = project.networks().get(network);
            if (config != null && config.external()) {
                external.add(config.name());
                continue;
            }
            Map<String, String> labels = new TreeMap<>(config == null ? Map.of() : config.labels());
            labels.put(StackSpec.NAMESPACE, project.name());
            String driver = config == null || config.driver() == null ? "overlay" : config.driver();
            networks.put(context.networkName(network), ServiceSpecs.map("Name", context.networkName(network),
                    "Driver", driver, "Attachable", config != null && config.attachable() ? true : null,
                    "Internal", config != null && config.internal() ? true : null,
                    "Options", config == null ? null : config.driverOpts(), "Labels", labels,
                    "CheckDuplicate", true));
        }
        return new StackSpec(project.name(), networks, external, secrets(secrets), secrets(configs), services,
                new ArrayList<>(warnings));
    }

    private static Map<String, StackSpec.FileObject> secrets(Map<String, StackSpec.FileObject> byKey) {
        Map<String, StackSpec.FileObject> byName = new TreeMap<>();
        byKey.values().forEach(object -> byName.put(object.name(), object));
        return byName;
    }

    private static byte[] content(Project project, FileObjectConfig config, String path) throws SwarmException {
        try {
            return config.read(project.environment());
        } catch (IOException e) {
            throw new SwarmException(path + ": " + (config.file() == null ? e.getMessage()
                    : "cannot read " + config.file() + " (" + e.getClass().getSimpleName() + ")"));
        }
    }
}
