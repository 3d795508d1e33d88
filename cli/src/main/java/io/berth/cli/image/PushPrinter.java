package io.berth.cli.image;

import io.berth.runtime.PushProgress;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** docker push's lines: one per blob and step, then "TAG: digest: sha256:... size: N". */
public final class PushPrinter implements Consumer<PushProgress> {
    private final PrintWriter out;
    private final String tag;
    private final boolean quiet;

    public PushPrinter(PrintWriter out, String tag, boolean quiet) {
        this.out = out;
        this.tag = tag;
        this.quiet = quiet;
    }

    @Override
    public synchronized void accept(PushProgress progress) {
        if (quiet) {
            return;
        }
        String line = switch (progress.stage()) {
            case PREPARING -> progress.shortId() + ": Preparing";
            case ALREADY_EXISTS -> progress.shortId() + ": Layer already exists";
            case MOUNTED -> progress.shortId() + ": Mounted from another repository";
            case PUSHING -> progress.shortId() + ": Pushing";
            case PUSHED -> progress.shortId() + ": Pushed";
            case DONE -> tag + ": digest: " + progress.digest() + " size: " + progress.sizeBytes();
        };
        out.println(line);
        out.flush();
    }
}
