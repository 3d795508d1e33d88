package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.JsonOutput;
import io.berth.cli.image.ImageListCommand;
import io.berth.model.ComposeProblemsException;
import io.berth.engine.ProgressListener;
import io.berth.engine.Lifecycle;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth images}: the images the project's containers use (docker compose images). Outside
 * a Compose project (no file, no -p) it lists every image, as {@code docker images} and
 * {@code berth image ls} do.
 */
@Command(name = "images", description = "List images used by the created containers (outside a project: all images).")
public final class ImagesCommand extends ComposeCommand {
    @Option(names = "--no-trunc", description = "Don't truncate output (image list outside a project).")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only display IDs.")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Format the output: table or json.")
    String format;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        ComposeSession opened;
        try {
            opened = open(services, false);
        } catch (ComposeProblemsException noProject) {
            if (!services.isEmpty() || !noProject.getMessage().startsWith("no configuration file provided")) {
                throw noProject;
            }
            List<String> args = new ArrayList<>();
            if (quiet) {
                args.add("-q");
            }
            if (noTrunc) {
                args.add("--no-trunc");
            }
            args.add("--format=" + format);
            return new CommandLine(new ImageListCommand()).execute(args.toArray(String[]::new));
        }
        try (ComposeSession session = opened) {
            List<ContainerInfo> containers = new Lifecycle(session.runtime(), ProgressListener.SILENT, 1,
                    session.projectName()).containers(new TreeSet<>(services), true);
            Table table = new Table("CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE");
            for (ContainerInfo container : containers) {
                ImageReference image = container.spec().image();
                String id = container.image() == null ? "" : container.image().id().hex().substring(0, 12);
                String size = container.image() == null ? "" : size(container.image().sizeBytes());
                if (quiet) {
                    System.out.println(id);
                } else if (format.equals("json")) {
                    System.out.println(JsonOutput.compact(java.util.Map.of("ContainerName", container.name(),
                            "Repository", repository(image), "Tag", image.tag() == null ? "" : image.tag(),
                            "ID", id, "Size", container.image() == null ? 0 : container.image().sizeBytes())));
                } else {
                    table.add(container.name(), repository(image), image.tag(), id, size);
                }
            }
            if (!quiet && !format.equals("json")) {
                table.print(System.out);
            }
            return 0;
        }
    }

    private static String repository(ImageReference image) {
        String familiar = image.familiar();
        int colon = familiar.lastIndexOf(':');
        return image.tag() != null && colon > familiar.lastIndexOf('/') ? familiar.substring(0, colon) : familiar;
    }

    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + "B";
        }
        if (bytes < 1000 * 1000) {
            return String.format("%.1fkB", bytes / 1000.0);
        }
        if (bytes < 1000L * 1000 * 1000) {
            return String.format("%.1fMB", bytes / 1000.0 / 1000);
        }
        return String.format("%.2fGB", bytes / 1000.0 / 1000 / 1000);
    }
}
