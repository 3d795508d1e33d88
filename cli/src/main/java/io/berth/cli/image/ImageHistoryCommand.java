package io.berth.cli.image;

import io.berth.runtime.ImageHistoryEntry;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageService;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image history IMAGE}: docker history's table, newest step first. */
@Command(name = "history", description = "Show the history of an image.")
public final class ImageHistoryCommand extends ImageCommandSupport {
    private static final int CREATED_BY_WIDTH = 45;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs.")
    boolean quiet;

    @Override
    int run(ImageService images) {
        ImageInfo found = images.find(image).orElseThrow(() -> new IllegalArgumentException("No such image: " + image));
        List<ImageHistoryEntry> steps = new ArrayList<>(images.history(found.id()));
        java.util.Collections.reverse(steps);
        String id = noTrunc ? found.id().toString() : found.id().shortHex();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"});
        for (int i = 0; i < steps.size(); i++) {
            ImageHistoryEntry step = steps.get(i);
            String stepId = i == 0 ? id : "<missing>";
            if (quiet) {
                out().println(stepId);
                continue;
            }
            String createdBy = step.createdBy().replace("\t", " ").replace("\n", " ");
            if (!noTrunc && createdBy.length() > CREATED_BY_WIDTH) {
                createdBy = createdBy.substring(0, CREATED_BY_WIDTH - 1) + "…";
            }
            rows.add(new String[] {stepId, step.created() == null ? "N/A" : ImageListCommand.ago(step.created()),
                    createdBy, ImageListCommand.size(step.sizeBytes()), step.comment()});
        }
        if (!quiet) {
            print(rows);
        }
        return 0;
    }

    private void print(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].codePointCount(0, row[c].length()));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]);
                if (c < row.length - 1) {
                    line.append(" ".repeat(widths[c] - row[c].codePointCount(0, row[c].length()) + 3));
                }
            }
            out().println(line.toString().stripTrailing());
        }
    }
}
