package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.engine.Lifecycle;
import io.berth.engine.ProgressListener;
import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ContainerState;
import io.berth.runtime.ContainerUsage;
import io.berth.runtime.RuntimeOperationException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth stats}: each container's CPU, memory, network and block I/O and PIDs, sampled once a
 * second. At a terminal the table is redrawn in place; elsewhere each round is printed after the last.
 * The CPU share needs two samples: the first round is printed after a second's second sample.
 */
@Command(name = "stats", description = "Display a live stream of container(s) resource usage statistics.")
public final class StatsCommand extends ComposeCommand {
    private static final String CLEAR_SCREEN = "\033[2J\033[H";

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running).")
    boolean all;

    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result.")
    boolean noStream;

    @Option(names = "--no-trunc", description = "Do not truncate output.")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Format output: table, json, or a Go template ({{.Name}}, {{.CPUPerc}}, {{.MemUsage}}, {{json .}}).")
    String format;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        GoTemplate template = GoTemplate.parse(switch (format) {
            case "table" -> StatsRow.DEFAULT_TABLE;
            case "json" -> "{{json .}}";
            default -> format;
        });
        template.render(StatsRow.blank()); // an unknown field is a usage error now, not after the first sample
        boolean redraw = !noStream && Terminal.isInteractive();
        try (ComposeSession session = open(services, false)) {
            KnownServices.require(session, services);
            Lifecycle lifecycle = new Lifecycle(session.runtime(), ProgressListener.SILENT, 1, session.projectName());
            Map<ContainerId, ContainerUsage> previous = sample(session.runtime(), containers(lifecycle));
            while (true) {
                Thread.sleep(1000);
                List<ContainerInfo> containers = containers(lifecycle);
                Map<ContainerId, ContainerUsage> current = sample(session.runtime(), containers);
                List<Map<String, Object>> rows = new ArrayList<>();
                for (ContainerInfo container : containers) {
                    rows.add(StatsRow.fields(container, current.get(container.id()), previous.get(container.id()), noTrunc));
                }
                print(System.out, template, rows, redraw);
                previous = current;
                if (noStream) {
                    return 0;
                }
            }
        }
    }

    private List<ContainerInfo> containers(Lifecycle lifecycle) {
        return lifecycle.containers(new TreeSet<>(services), false).stream()
                .filter(container -> all || container.state().isRunning())
                .toList();
    }

    /** The running containers' counters; one that stopped between the list and the read has none. */
    private static Map<ContainerId, ContainerUsage> sample(ContainerRuntime runtime, List<ContainerInfo> containers) {
        Map<ContainerId, ContainerUsage> samples = new HashMap<>();
        for (ContainerInfo container : containers) {
            if (container.state() == ContainerState.RUNNING || container.state() == ContainerState.PAUSED) {
                try {
                    samples.put(container.id(), runtime.usage(container.id()));
                } catch (RuntimeOperationException stoppedMeanwhile) {
                    // shown with zeros this round, as a stopped one
                }
            }
        }
        return samples;
    }

    private static void print(PrintStream out, GoTemplate template, List<Map<String, Object>> rows, boolean redraw) {
        if (redraw) {
            out.print(CLEAR_SCREEN);
        }
        if (template.isTable()) {
            Table table = new Table(template.header().split("\t", -1));
            rows.forEach(row -> table.add(template.render(row).split("\t", -1)));
            table.print(out);
        } else {
            rows.forEach(row -> out.println(template.render(row)));
        }
        out.flush();
    }
}
