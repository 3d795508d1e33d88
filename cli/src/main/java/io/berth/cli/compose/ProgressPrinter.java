package io.berth.cli.compose;

import io.berth.engine.ProgressListener;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Progress as Docker Compose shows it, one line per finished change: " ✔ Container demo-web-1
 * Started" on a terminal, "Container demo-web-1  Started" when piped or with --progress plain.
 * "Waiting" and "-ing" states are shown only on a terminal.
 */
final class ProgressPrinter implements ProgressListener {
    /** Statuses of work under way (shown only on a terminal); "Running" is a state, not one. */
    private static final Set<String> TRANSITIONS = Set.of("Pulling", "Waiting", "Creating", "Starting", "Stopping",
            "Removing", "Killing");

    private final PrintStream out;
    private final boolean fancy;
    private final Set<String> notices = new HashSet<>();
    private final java.util.concurrent.atomic.AtomicInteger vertices = new java.util.concurrent.atomic.AtomicInteger();
    private BuildLiveView liveView;
    private int buildsRunning;

    ProgressPrinter(PrintStream out, String progressMode) {
        this.out = out;
        this.fancy = switch (progressMode == null ? "auto" : progressMode) {
            case "plain", "quiet" -> false;
            case "tty" -> true;
            default -> Terminal.isInteractive();
        };
    }

    /** Builds at a terminal share one live view; elsewhere BuildKit's plain lines. */
    @Override
    public synchronized io.berth.runtime.build.BuildListener build(String service, String image) {
        if (!fancy) {
            return new BuildLines(out, service, vertices);
        }
        if (liveView == null) {
            liveView = new BuildLiveView(out);
        }
        return liveView.listener(service);
    }

    @Override
    public synchronized void event(String kind, String name, String status) {
        if (kind.equals("Image") && (status.equals("Building") || status.equals("Built"))) {
            buildsRunning += status.equals("Building") ? 1 : -1;
            if (status.equals("Building") || !fancy) {
                return; // the build's own lines say it
            }
            if (buildsRunning == 0 && liveView != null) {
                liveView.finish();
            }
        }
        boolean transitional = TRANSITIONS.contains(status);
        if (transitional && !fancy) {
            return;
        }
        String mark = fancy ? (transitional ? " ⠿ " : " \u2714 ") : "";
        out.println(mark + kind + " " + name + "  " + status);
        out.flush();
    }

    @Override
    public synchronized void notice(String message) {
        if (notices.add(message)) {
            out.println(message);
            out.flush();
        }
    }
}
