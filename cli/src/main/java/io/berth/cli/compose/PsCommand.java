package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import io.berth.cli.JsonOutput;
import io.berth.engine.ComposeLabels;
import io.berth.engine.ProgressListener;
import io.berth.engine.Lifecycle;
import io.berth.runtime.ContainerInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth ps}: the project's containers. */
@Command(name = "ps", description = "List containers.")
public final class PsCommand extends ComposeCommand {
    @Option(names = {"-a", "--all"}, description = "Show all stopped containers (including those created by the run command).")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display IDs.")
    boolean quiet;

    @Option(names = "--services", description = "Display services.")
    boolean servicesOnly;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Filter services by status: created, restarting, running, removing, paused, exited, dead.")
    List<String> status = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Format the output: table, json, or a Go template ({{.Name}}, {{json .}}, table {{.Service}}\\t{{.Status}}).")
    String format;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "Filter services by a property (supported filters: status).")
    List<String> filters = new ArrayList<>();

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    boolean noTrunc;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        GoTemplate template = format.equals("table") || format.equals("json") ? null : GoTemplate.parse(format);
        for (String filter : filters) {
            // Compose's ps knows one filter, status=, the same as --status
            if (!filter.startsWith("status=")) {
                throw new ExitCodes.UsageException("--filter " + filter + ": unsupported filter (supported: status=STATUS)");
            }
            status.add(filter.substring("status=".length()));
        }
        try (ComposeSession session = open(services, false)) {
            List<ContainerInfo> containers = new Lifecycle(session.runtime(), ProgressListener.SILENT, 1,
                    session.projectName())
                    .containers(new TreeSet<>(services), all).stream()
                    .filter(container -> all || !status.isEmpty() || container.state().isRunning())
                    .filter(container -> status.isEmpty() || status.contains(container.state().dockerName()))
                    .toList();
            if (servicesOnly) {
                new TreeSet<>(containers.stream().map(container -> ComposeLabels.of(container).service()).toList())
                        .forEach(System.out::println);
            } else if (quiet) {
                containers.forEach(container -> System.out.println(container.id().value()));
            } else if (template != null) {
                print(template, containers);
            } else if (format.equals("json")) {
                containers.forEach(container -> System.out.println(JsonOutput.compact(json(container))));
            } else {
                Instant now = Instant.now();
                Table table = new Table("NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS");
                containers.forEach(container -> table.add(container.name(), container.spec().image().familiar(),
                        ContainerText.command(container, noTrunc), ComposeLabels.of(container).service(),
                        ContainerText.ago(container.createdAt(), now), ContainerText.status(container, now),
                        ContainerText.ports(container)));
                table.print(System.out);
            }
            return 0;
        }
    }

    private void print(GoTemplate template, List<ContainerInfo> containers) {
        Instant now = Instant.now();
        if (!template.isTable()) {
            containers.forEach(container -> System.out.println(template.render(fields(container, now))));
            return;
        }
        Table table = new Table(template.header().split("\t", -1));
        containers.forEach(container -> table.add(template.render(fields(container, now)).split("\t", -1)));
        table.print(System.out);
    }

    /** What a template can name: Compose's JSON fields and docker's table ones (Names, Ports, RunningFor...). */
    private Map<String, Object> fields(ContainerInfo container, Instant now) {
        Map<String, Object> fields = json(container);
        fields.put("Command", ContainerText.command(container, noTrunc));
        fields.put("Names", container.name());
        fields.put("Ports", ContainerText.ports(container));
        fields.put("RunningFor", ContainerText.ago(container.createdAt(), now));
        fields.put("CreatedAt", container.createdAt() == null ? "" : container.createdAt().toString());
        return fields;
    }

    static Map<String, Object> json(ContainerInfo container) {
        Instant now = Instant.now();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("ID", container.id().value());
        object.put("Name", container.name());
        object.put("Image", container.spec().image().familiar());
        object.put("Command", String.join(" ", ContainerText.commandLine(container)));
        ComposeLabels compose = ComposeLabels.of(container);
        object.put("Project", compose.project());
        object.put("Service", compose.service());
        object.put("Created", container.createdAt() == null ? 0 : container.createdAt().getEpochSecond());
        object.put("State", container.state().dockerName());
        object.put("Status", ContainerText.status(container, now));
        object.put("Health", container.health() == null ? "" : container.health());
        object.put("ExitCode", container.exitCode() == null ? 0 : container.exitCode());
        List<Map<String, Object>> publishers = new ArrayList<>();
        container.ports().forEach(port -> {
            Map<String, Object> publisher = new LinkedHashMap<>();
            publisher.put("URL", port.hostIp() == null || port.hostIp().isEmpty() ? "0.0.0.0" : port.hostIp());
            publisher.put("TargetPort", port.containerPort());
            publisher.put("PublishedPort", port.hostPort());
            publisher.put("Protocol", port.protocol());
            publishers.add(publisher);
        });
        object.put("Publishers", publishers);
        object.put("Labels", String.join(",", new java.util.TreeMap<>(container.labels()).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList()));
        return object;
    }
}
