package io.berth.cli.compose;

import io.berth.cli.JsonOutput;
import io.berth.cli.ComposeSession;
import io.berth.engine.Labels;
import io.berth.runtime.VolumeInfo;
import io.berth.model.Service;
import io.berth.model.ServiceVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volumes [SERVICE...]}: the project's volumes (only those the named services mount), as Compose lists them. */
@Command(name = "volumes", description = "List volumes.")
public final class VolumesCommand extends ComposeCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display volume names.")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Format the output: table, json, or a Go template ({{.Name}}, {{.Driver}}).")
    String format;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        GoTemplate template = format.equals("table") || format.equals("json") ? null : GoTemplate.parse(format);
        try (ComposeSession session = open(services, false)) {
            Set<String> mounted = mountedBy(session);
            List<VolumeInfo> volumes = session.runtime().listVolumes(Map.of(Labels.PROJECT, session.projectName())).stream()
                    .filter(volume -> mounted == null || mounted.contains(volume.name()))
                    .sorted(java.util.Comparator.comparing(VolumeInfo::name)).toList();
            if (quiet) {
                volumes.forEach(volume -> System.out.println(volume.name()));
            } else if (format.equals("json")) {
                volumes.forEach(volume -> System.out.println(JsonOutput.compact(fields(volume))));
            } else if (template != null) {
                volumes.forEach(volume -> System.out.println(template.render(fields(volume))));
            } else {
                Table table = new Table("DRIVER", "VOLUME NAME");
                volumes.forEach(volume -> table.add(volume.driver(), volume.name()));
                table.print(System.out);
            }
            return 0;
        }
    }

    /** The real names of the volumes the named services mount; null: no service named, every volume. */
    private Set<String> mountedBy(ComposeSession session) {
        if (services.isEmpty() || session.project().isEmpty()) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        for (Service service : session.project().get().services().values()) {
            if (services.contains(service.name())) {
                for (ServiceVolume volume : service.volumes()) {
                    if ("volume".equals(volume.type()) && volume.source() != null
                            && session.project().get().volumes().get(volume.source()) != null) {
                        names.add(session.project().get().volumes().get(volume.source()).name());
                    }
                }
            }
        }
        return names;
    }

    private static Map<String, Object> fields(VolumeInfo volume) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("Name", volume.name());
        fields.put("Driver", volume.driver());
        fields.put("Mountpoint", volume.mountpoint() == null ? "" : volume.mountpoint().toString());
        fields.put("Labels", String.join(",", new java.util.TreeMap<>(volume.labels()).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList()));
        return fields;
    }
}
