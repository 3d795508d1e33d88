package io.berth.cli.compose;

import io.berth.cli.ExitCodes;
import io.berth.cli.Invocation;
import io.berth.cli.JsonOutput;
import io.berth.engine.ComposeLabels;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.Runtimes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth ls}: the Compose projects on this host, from their containers' labels. */
@Command(name = "ls", description = "List running compose projects.")
public final class LsCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-a", "--all"}, description = "Show all stopped Compose projects.")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display project names.")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Format the output: table or json.")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new ExitCodes.UsageException("--format " + format + ": expected table or json");
        }
        Map<String, List<ContainerInfo>> projects = new TreeMap<>();
        try (ContainerRuntime runtime = Runtimes.connect(RuntimeConfig.fromEnvironment(Invocation.env()))) {
            for (ContainerInfo container : runtime.listContainers(Map.of())) {
                String project = ComposeLabels.of(container).project();
                if (project != null) {
                    projects.computeIfAbsent(project, key -> new ArrayList<>()).add(container);
                }
            }
        }
        Table table = new Table("NAME", "STATUS", "CONFIG FILES");
        List<Map<String, String>> json = new ArrayList<>();
        projects.forEach((name, containers) -> {
            if (!all && containers.stream().noneMatch(container -> container.state().isRunning())) {
                return;
            }
            Map<String, Integer> states = new TreeMap<>();
            containers.forEach(container -> states.merge(container.state().dockerName(), 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            states.forEach((state, count) -> parts.add(state + "(" + count + ")"));
            String files = String.join(",", new TreeSet<>(containers.stream()
                    .map(container -> ComposeLabels.of(container).configFiles()).toList()));
            table.add(name, String.join(", ", parts), files);
            Map<String, String> object = new LinkedHashMap<>();
            object.put("Name", name);
            object.put("Status", String.join(", ", parts));
            object.put("ConfigFiles", files);
            json.add(object);
            if (quiet) {
                System.out.println(name);
            }
        });
        if (quiet) {
            return 0;
        }
        if (format.equals("json")) {
            System.out.println(JsonOutput.compact(json));
        } else {
            table.print(System.out);
        }
        return 0;
    }
}
