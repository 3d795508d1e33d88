package io.berth.cli.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.berth.cli.JsonOutput;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image ls} (also {@code berth images}): one line per name, as docker images prints. */
@Command(name = "ls", aliases = "list", description = "List images.")
public class ImageListCommand extends ImageCommandSupport {
    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    boolean noTrunc;

    @Option(names = "--format", description = "table (default) or json.", defaultValue = "table")
    String format;

    @Parameters(arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "Only images of this name.")
    String filter;

    @Override
    int run(ImageService images) {
        List<Row> rows = new ArrayList<>();
        for (ImageInfo image : images.list()) {
            if (image.references().isEmpty()) {
                rows.add(new Row("<none>", "<none>", image));
            }
            for (ImageReference reference : image.references()) {
                rows.add(new Row(reference.familiarName(), reference.tag() == null ? "<none>" : reference.tag(), image));
            }
        }
        if (filter != null) {
            ImageReference wanted = reference(filter.contains(":") ? filter : filter + ":x");
            boolean anyTag = !filter.substring(filter.lastIndexOf('/') + 1).contains(":");
            rows.removeIf(row -> !row.repository().equals(wanted.familiarName())
                    || (!anyTag && !row.tag().equals(wanted.tag())));
        }
        if (quiet) {
            Set<String> ids = new LinkedHashSet<>();
            rows.forEach(row -> ids.add(id(row.image())));
            ids.forEach(out()::println);
        } else if (format.equals("json")) {
            ArrayNode array = JsonOutput.MAPPER.createArrayNode();
            rows.forEach(row -> array.addObject().put("Repository", row.repository()).put("Tag", row.tag())
                    .put("ID", row.image().id().toString()).put("CreatedAt", row.image().createdAt().toString())
                    .put("Size", row.image().sizeBytes()));
            out().println(array.toPrettyString());
        } else if (format.equals("table")) {
            List<List<String>> table = new ArrayList<>();
            table.add(List.of("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"));
            rows.forEach(row -> table.add(List.of(row.repository(), row.tag(), id(row.image()),
                    ago(row.image().createdAt()), size(row.image().sizeBytes()))));
            printAligned(table);
        } else {
            throw new IllegalArgumentException("--format: want table or json, not \"" + format + "\"");
        }
        return 0;
    }

    /** Columns padded to their widest cell plus three spaces, as docker's tabwriter does. */
    private void printAligned(List<List<String>> table) {
        int[] widths = new int[table.get(0).size()];
        table.forEach(cells -> {
            for (int i = 0; i < cells.size(); i++) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        });
        for (List<String> cells : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                line.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + (widths[i] + 3) + "s", cells.get(i)));
            }
            out().println(line.toString().stripTrailing());
        }
    }

    private String id(ImageInfo image) {
        return noTrunc ? image.id().toString() : image.id().shortHex();
    }

    private record Row(String repository, String tag, ImageInfo image) {
    }

    static String ago(Instant created) {
        Duration age = Duration.between(created, Instant.now());
        if (age.toDays() >= 365) {
            return age.toDays() / 365 + " years ago";
        }
        if (age.toDays() >= 14) {
            return age.toDays() / 7 + " weeks ago";
        }
        if (age.toDays() >= 2) {
            return age.toDays() + " days ago";
        }
        if (age.toHours() >= 2) {
            return age.toHours() + " hours ago";
        }
        if (age.toMinutes() >= 2) {
            return age.toMinutes() + " minutes ago";
        }
        return age.getSeconds() < 60 ? "Less than a minute ago" : "About a minute ago";
    }

    /** Sizes as Docker prints them: decimal units, three significant digits. */
    static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return (value >= 100 || unit == 0 ? String.format("%.0f", value) : String.format("%.3g", value)) + units[unit];
    }
}
