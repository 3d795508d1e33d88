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

    /** The last quarter of each blob printed, so that a large layer gets a few lines, not one per MiB. */
    private final java.util.Map<String, Long> quartersPrinted = new java.util.HashMap<>();

    @Override
    public synchronized void accept(PushProgress progress) {
        if (quiet) {
            return;
        }
        if (progress.stage() == PushProgress.Stage.PUSHING && progress.bytesSent() > 0) {
            long quarter = progress.sizeBytes() <= 0 ? 0 : progress.bytesSent() * 4 / progress.sizeBytes();
            Long printed = quartersPrinted.put(progress.shortId(), quarter);
            if (quarter > 0 && quarter < 4 && (printed == null || quarter > printed)) {
                out.println(progress.shortId() + ": Pushing " + megabytes(progress.bytesSent()) + "/"
                        + megabytes(progress.sizeBytes()));
                out.flush();
            }
            return;
        }
        if (progress.stage() == PushProgress.Stage.PUSHING) {
            quartersPrinted.remove(progress.shortId()); // (again, after a dropped upload)
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

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1fMB", bytes / 1e6);
    }
}
