package io.berth.cli.compose;

import io.berth.runtime.build.BuildListener;
import io.berth.runtime.build.BuildStep;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The live view of builds at a terminal, as BuildKit draws it: a header with the elapsed time and
 * steps finished, one line per step ({@code => CACHED [web 1/4] FROM ...}, {@code => [web 2/4] RUN make 1.2s},
 * {@code => ERROR ...}), the last lines of a running step's output under it, and cache-miss reasons.
 * The frame is redrawn in place on every change and every 100 ms while a step runs.
 */
final class BuildLiveView {
    private static final int OUTPUT_LINES = 6;
    private static final long TICK_MILLIS = 100;

    private final PrintStream out;
    private final List<Row> rows = new ArrayList<>();
    private final long start = System.nanoTime();
    private int drawnLines;
    private Thread ticker;

    /** Lines are cut to the terminal's width: a wrapped line would break the redraw's line count. */
    private final int width;
    /** A frame taller than the terminal cannot be redrawn in place: the oldest step lines go first. */
    private final int height;

    BuildLiveView(PrintStream out) {
        this.out = out;
        this.width = io.berth.runtime.TerminalAttachments.size(2).map(size -> size[0]).filter(columns -> columns > 10)
                .orElse(120);
        this.height = io.berth.runtime.TerminalAttachments.size(2).map(size -> size[1]).filter(rows -> rows > 4)
                .orElse(40);
    }

    /** One step of one service's build. */
    private static final class Row {
        final String title;
        String state = "";
        long startedAt = System.nanoTime();
        Duration elapsed;
        String note;
        final Deque<String> output = new ArrayDeque<>();

        Row(String title) {
            this.title = title;
        }
    }

    BuildListener listener(String service) {
        return new BuildListener() {
            private final java.util.Map<Integer, Row> byIndex = new java.util.HashMap<>();

            private Row row(BuildStep step) {
                synchronized (BuildLiveView.this) {
                    return byIndex.computeIfAbsent(step.index(), index -> {
                        Row row = new Row(BuildLines.title(service, step));
                        rows.add(row);
                        return row;
                    });
                }
            }

            @Override
            public void stepStarted(BuildStep step) {
                update(row(step), "RUNNING", null);
            }

            @Override
            public void stepCached(BuildStep step) {
                update(row(step), "CACHED", null);
            }

            @Override
            public void cacheMiss(BuildStep step, String reason) {
                Row row = row(step);
                synchronized (BuildLiveView.this) {
                    row.note = "cache miss: " + reason;
                }
                redraw();
            }

            @Override
            public void output(BuildStep step, OutputStream stream, String line) {
                Row row = row(step);
                synchronized (BuildLiveView.this) {
                    row.output.addLast(line);
                    while (row.output.size() > OUTPUT_LINES) {
                        row.output.removeFirst();
                    }
                }
                redraw();
            }

            @Override
            public void stepDone(BuildStep step, Duration elapsed) {
                update(row(step), "DONE", elapsed);
            }

            @Override
            public void stepFailed(BuildStep step, Duration elapsed, String message) {
                Row row = row(step);
                synchronized (BuildLiveView.this) {
                    row.note = message.lines().findFirst().orElse(message);
                }
                update(row, "ERROR", elapsed);
            }
        };
    }

    private void update(Row row, String state, Duration elapsed) {
        synchronized (this) {
            row.state = state;
            if (state.equals("RUNNING")) {
                row.startedAt = System.nanoTime();
            } else {
                row.elapsed = elapsed;
                row.output.clear();
            }
            if (state.equals("RUNNING") && ticker == null) {
                ticker = new Thread(this::tick, "berth-build-view");
                ticker.setDaemon(true);
                ticker.start();
            }
        }
        redraw();
    }

    private void tick() {
        while (true) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException stopped) {
                return;
            }
            synchronized (this) {
                if (rows.stream().noneMatch(row -> row.state.equals("RUNNING"))) {
                    ticker = null;
                    return;
                }
            }
            redraw();
        }
    }

    synchronized void redraw() {
        List<String> frame = new ArrayList<>();
        long done = rows.stream().filter(row -> !row.state.equals("RUNNING") && !row.state.isEmpty()).count();
        frame.add("[+] Building " + BuildLines.seconds(Duration.ofNanos(System.nanoTime() - start)) + " (" + done + "/"
                + rows.size() + ")");
        for (Row row : rows) {
            String time = row.state.equals("RUNNING") ? BuildLines.seconds(Duration.ofNanos(System.nanoTime() - row.startedAt))
                    : row.elapsed == null ? "" : BuildLines.seconds(row.elapsed);
            String prefix = row.state.equals("CACHED") ? "CACHED " : row.state.equals("ERROR") ? "ERROR " : "";
            frame.add(" => " + prefix + row.title + (time.isEmpty() ? "" : "  " + time));
            if (row.note != null) {
                frame.add(" => => " + row.note);
            }
            row.output.forEach(line -> frame.add(" => => # " + line));
        }
        while (frame.size() > height - 1) {
            frame.remove(1);
        }
        StringBuilder text = new StringBuilder();
        if (drawnLines > 0) {
            text.append("\033[").append(drawnLines).append("F\033[J");
        }
        frame.forEach(line -> text.append(line.length() < width ? line : line.substring(0, width - 1)).append('\n'));
        synchronized (out) {
            out.print(text);
            out.flush();
        }
        drawnLines = frame.size();
    }

    /** The builds are over: the last frame stays, and what follows prints below it. */
    synchronized void finish() {
        if (!rows.isEmpty()) {
            redraw();
        }
        drawnLines = 0;
        rows.clear();
    }
}
