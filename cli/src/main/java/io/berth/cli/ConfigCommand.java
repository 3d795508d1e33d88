package io.berth.cli;

import io.berth.model.ComposeProblemsException;
import io.berth.model.ConfigHash;
import io.berth.model.ConfigWriter;
import io.berth.model.LoadedModel;
import io.berth.model.Project;
import io.berth.model.ProjectLoader;
import io.berth.model.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth config}: the normalized model as Docker Compose v2 prints it, or parts of it. */
@Command(name = "config", aliases = "convert", mixinStandardHelpOptions = true,
        description = "Parse, resolve and render the Compose files in canonical form.")
final class ConfigCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Mixin
    DebugOption debug;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (default), json, or kubernetes (manifests; -o DIR writes a kustomize base).")
    String format;

    @Mixin
    KubernetesFlags kubernetes;

    @Option(names = "--services", description = "Print the service names, one per line.")
    boolean services;

    @Option(names = "--volumes", description = "Print the volume names, one per line.")
    boolean volumes;

    @Option(names = "--networks", description = "Print the network names, one per line.")
    boolean networks;

    @Option(names = "--profiles", description = "Print the profile names, one per line.")
    boolean profiles;

    @Option(names = "--images", description = "Print the image names, one per line.")
    boolean images;

    @Option(names = "--hash", paramLabel = "SERVICES", description = "Print the configuration hash of the services ('*' for all).")
    String hash;

    @Option(names = {"-q", "--quiet"}, description = "Only validate the configuration, print nothing.")
    boolean quiet;

    @Option(names = "--no-interpolate", description = "Do not substitute environment variables.")
    boolean noInterpolate;

    @Option(names = "--environment", description = "Print the environment used for interpolation.")
    boolean environment;

    @Option(names = "--variables", description = "Print the variables the files use, with their default values.")
    boolean variables;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and their dependencies).")
    List<String> selected = new ArrayList<>();

    @Override
    public Integer call() throws ComposeProblemsException, IOException {
        if (!format.equals("yaml") && !format.equals("json") && !format.equals("kubernetes")) {
            throw new ExitCodes.UsageException("unsupported format \"" + format + "\" (supported: yaml, json, kubernetes)");
        }
        if (variables) {
            LoadedModel raw = ProjectLoader.loadModel(project.loadOptions(spec).withInterpolation(false));
            System.out.print(VariablesTable.render(raw.canonical(), format.equals("json")));
            System.out.flush();
            return ExitCodes.OK;
        }
        LoadedModel model = ProjectLoader.loadModel(project.loadOptions(spec).withInterpolation(!noInterpolate)
                .withRequestedServices(selected));
        model.warnings().forEach(warning -> System.err.println("berth: warning: " + warning));
        if (format.equals("kubernetes")) {
            return kubernetes.write(model.project(), quiet, output == null ? null : Invocation.cwd().resolve(output));
        }
        if (quiet) {
            return ExitCodes.OK;
        }
        String text = render(model);
        if (output != null) {
            Files.writeString(Invocation.cwd().resolve(output), text, StandardCharsets.UTF_8);
        } else {
            System.out.print(text);
            System.out.flush();
        }
        return ExitCodes.OK;
    }

    private String render(LoadedModel model) {
        Project loaded = model.project();
        if (services) {
            return lines(selectedServices(loaded));
        }
        if (volumes) {
            return lines(loaded.volumes().keySet());
        }
        if (networks) {
            return lines(loaded.networks().keySet());
        }
        if (profiles) {
            TreeSet<String> names = new TreeSet<>();
            loaded.services().values().forEach(service -> names.addAll(service.profiles()));
            loaded.disabledServices().values().forEach(service -> names.addAll(service.profiles()));
            return lines(names);
        }
        if (images) {
            List<String> names = new ArrayList<>();
            for (String serviceName : selectedServices(loaded)) {
                Service service = loaded.service(serviceName);
                names.add(service.image() != null ? service.image() : loaded.name() + "-" + serviceName);
            }
            return lines(names);
        }
        if (hash != null) {
            List<String> wanted = hash.equals("*") ? new ArrayList<>(loaded.services().keySet()) : List.of(hash.split(","));
            List<String> out = new ArrayList<>();
            for (String serviceName : wanted) {
                out.add(serviceName + " " + ConfigHash.of(loaded.service(serviceName.strip())));
            }
            return lines(out);
        }
        if (environment) {
            List<String> out = new ArrayList<>();
            loaded.environment().forEach((key, value) -> out.add(key + "=" + value));
            return lines(out);
        }
        Map<String, Object> tree = model.canonical();
        if (!selected.isEmpty()) {
            tree = onlySelected(tree, selectedServices(loaded));
        }
        return ConfigWriter.render(tree, format.equals("json"), !noInterpolate) + (format.equals("json") ? "\n" : "");
    }

    /** The services named on the command line and what they depend on; all when none are named. */
    private List<String> selectedServices(Project loaded) {
        if (selected.isEmpty()) {
            return new ArrayList<>(loaded.services().keySet());
        }
        TreeSet<String> names = new TreeSet<>();
        List<String> pending = new ArrayList<>(selected);
        while (!pending.isEmpty()) {
            String serviceName = pending.remove(pending.size() - 1);
            if (names.add(serviceName)) {
                pending.addAll(loaded.service(serviceName).dependsOn().keySet());
            }
        }
        return new ArrayList<>(names);
    }

    private static Map<String, Object> onlySelected(Map<String, Object> tree, List<String> names) {
        Map<String, Object> copy = new LinkedHashMap<>(tree);
        Map<String, Object> services = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> all = (Map<String, Object>) tree.get("services");
        all.forEach((name, service) -> {
            if (names.contains(name)) {
                services.put(name, service);
            }
        });
        copy.put("services", services);
        return copy;
    }

    private static String lines(Iterable<String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach(value -> text.append(value).append('\n'));
        return text.toString();
    }
}
