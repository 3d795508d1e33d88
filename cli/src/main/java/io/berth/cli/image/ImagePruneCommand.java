package io.berth.cli.image;

import io.berth.runtime.ImagePrune;
import io.berth.runtime.ImageRemoval;
import io.berth.runtime.ImageService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth image prune [-a] [-f]}: removes dangling images, or with -a every image no
 * container was created from; asks first unless -f, and prints what docker image prune prints.
 */
@Command(name = "prune", description = "Remove unused images (dangling ones; with -a all not used by a container).")
public final class ImagePruneCommand extends ImageCommandSupport {
    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    boolean force;

    @Override
    int run(ImageService images) {
        if (!force && !confirmed()) {
            return 0;
        }
        ImagePrune pruned = images.prune(all);
        if (!pruned.removals().isEmpty()) {
            out().println("Deleted Images:");
            for (ImageRemoval removal : pruned.removals()) {
                removal.untagged().forEach(reference -> out().println("untagged: " + reference.familiar()));
                removal.deleted().forEach(id -> out().println("deleted: " + id));
            }
            out().println();
        }
        out().println("Total reclaimed space: " + ImageListCommand.size(pruned.reclaimedBytes()));
        return 0;
    }

    private boolean confirmed() {
        out().print(all
                ? "WARNING! This will remove all images without at least one container associated to them.\n"
                : "WARNING! This will remove all dangling images.\n");
        out().print("Are you sure you want to continue? [y/N] ");
        out().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }
}
