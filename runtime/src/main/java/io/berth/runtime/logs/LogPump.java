package io.berth.runtime.logs;

import io.berth.runtime.ContainerId;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.state.AtomicFiles;
import io.berth.runtime.state.ContainerLayout;
import io.berth.runtime.state.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one thread that turns every running container's raw stdout/stderr files (which the
 * container appends to, O_APPEND, never blocking on us) into JSON log lines. It polls the file
 * sizes; what it has consumed it records in log-offsets.json (so a restarted supervisor resumes
 * there: those lines get the time they were read) and frees on disk by punching holes.
 */
public final class LogPump implements Runnable {
    private static final RepeatFilter REPEATS = new RepeatFilter(java.time.Duration.ofMinutes(1), System::nanoTime);
    private static final int CHUNK = 64 * 1024;
    private static final int STEP = 256 * 1024;
    private static final int MAX_LINE = 16 * 1024;
    private static final long PUNCH_EVERY = 256 * 1024;
    private final ContainerLayout layout;
    private final LogOptions options;
    private final Map<ContainerId, Source> sources = new ConcurrentHashMap<>();
    private final long intervalMillis;
    private volatile boolean running = true;

    /**
     * Consumed offsets of one container's two raw streams, and the JSON log (its file key and
     * size) as it was when they were recorded: lines appended after that were not recorded as
     * consumed (the supervisor died in between), so they are cut off and pumped again, exactly once.
     */
    public record Offsets(long stdout, long stderr, String logFileKey, long logSize) {
        static final Offsets START = new Offsets(0, 0, null, 0);
    }

    private final class Source {
        final ContainerId id;
        final JsonLogWriter writer;
        Offsets offsets;
        long stdoutPunched;
        long stderrPunched;

        /** @param kept the log's size cap; null: keep nothing (logging driver none), only consume */
        Source(ContainerId id, LogOptions kept) {
            this.id = id;
            this.writer = kept == null ? null : new JsonLogWriter(layout.jsonLog(id), kept);
            this.offsets = readOffsets(id);
            if (kept != null) {
                cutUnrecordedLines(layout.jsonLog(id), offsets);
            }
        }
    }

    public LogPump(ContainerLayout layout, LogOptions options, long intervalMillis) {
        this.layout = layout;
        this.options = options;
        this.intervalMillis = intervalMillis;
    }

    public void register(ContainerId id) {
        sources.computeIfAbsent(id, key -> new Source(key, options));
    }

    /**
     * With the container's {@code logging:}: its max-size/max-file over the defaults, and for
     * driver none nothing kept (the raw output is still consumed and freed).
     */
    public void register(ContainerId id, io.berth.runtime.ContainerSpec.Logging logging) {
        LogOptions kept = logging == null ? options : logging.keepsNothing() ? null
                : new LogOptions(logging.maxBytes() == null ? options.maxBytes() : logging.maxBytes(),
                        logging.maxBytes() == null ? options.maxFiles()
                                : logging.maxFiles() == null ? 1 : logging.maxFiles());
        sources.computeIfAbsent(id, key -> new Source(key, kept));
    }

    /** Pumps what is left, including a last line without a newline, and stops following. */
    public void finish(ContainerId id) {
        Source source = sources.remove(id);
        if (source != null) {
            synchronized (source) {
                pump(source, true);
            }
        }
    }

    /** Forgets a container without pumping (it is being removed). */
    public void forget(ContainerId id) {
        sources.remove(id);
    }

    public int following() {
        return sources.size();
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            for (Source source : sources.values()) {
                synchronized (source) {
                    pump(source, false);
                }
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Pumps in bounded steps (memory stays small however chatty the container is). */
    private void pump(Source source, boolean final_) {
        try {
            while (pumpStep(source, final_)) {
                // again, until nothing is left
            }
        } catch (IOException | RuntimeException e) {
            String line = REPEATS.filter("supervisor: logs of " + source.id.shortId() + ": " + e);
            if (line != null) {
                System.err.println(line); // once a minute at most while it keeps failing (a full disk)
            }
        }
    }

    /** One step: at most STEP bytes of each stream. True when it consumed something. */
    private boolean pumpStep(Source source, boolean final_) throws IOException {
        Offsets before = source.offsets;
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        long stdout = consume(layout.rawStdout(source.id), before.stdout(), "stdout", encoded, final_);
        long stderr = consume(layout.rawStderr(source.id), before.stderr(), "stderr", encoded, final_);
        if (stdout == before.stdout() && stderr == before.stderr()) {
            return false;
        }
        Path log = layout.jsonLog(source.id);
        if (source.writer != null) {
            source.writer.append(encoded.toByteArray());
            source.offsets = new Offsets(stdout, stderr, fileKey(log), Files.size(log));
        } else {
            source.offsets = new Offsets(stdout, stderr, null, 0);
        }
        AtomicFiles.write(layout.logOffsets(source.id), Json.MAPPER.writeValueAsBytes(source.offsets));
        // only what is recorded as consumed may be freed
        source.stdoutPunched = punch(layout.rawStdout(source.id), source.stdoutPunched, stdout);
        source.stderrPunched = punch(layout.rawStderr(source.id), source.stderrPunched, stderr);
        return true;
    }

    /** Reads complete lines from {@code offset}; returns the new offset (after the last newline). */
    private static long consume(Path raw, long offset, String stream, ByteArrayOutputStream encoded,
                                boolean final_) throws IOException {
        if (!Files.exists(raw)) {
            return offset;
        }
        try (RandomAccessFile file = new RandomAccessFile(raw.toFile(), "r")) {
            long size = file.length();
            Instant now = Instant.now();
            long stepEnd = Math.min(size, offset + STEP);
            while (offset < stepEnd) {
                int length = (int) Math.min(CHUNK, stepEnd - offset);
                byte[] bytes = new byte[length];
                file.seek(offset);
                file.readFully(bytes);
                int lineStart = 0;
                for (int i = 0; i < length; i++) {
                    if (bytes[i] == '\n' || i - lineStart >= MAX_LINE) {
                        boolean newline = bytes[i] == '\n';
                        int end = newline ? i : i + 1;
                        JsonLogWriter.encode(encoded, now, stream, JsonLogWriter.decodeUtf8(bytes, lineStart, end),
                                newline);
                        lineStart = i + 1;
                    }
                }
                boolean atEnd = offset + length >= size; // the real end: a last line without newline
                if (lineStart < length && final_ && atEnd) {
                    JsonLogWriter.encode(encoded, now, stream,
                            JsonLogWriter.decodeUtf8(bytes, lineStart, length), false);
                    lineStart = length;
                }
                if (lineStart == 0) {
                    break; // a partial line: wait for its end
                }
                offset += lineStart;
            }
            return offset;
        }
    }

    /** Frees whole blocks below the consumed offset once enough has piled up. */
    private static long punch(Path raw, long punched, long consumed) {
        long upTo = consumed & ~4095L;
        if (upTo - punched >= PUNCH_EVERY) {
            FdCalls.punchHole(raw, punched, upTo - punched);
            return upTo;
        }
        return punched;
    }

    private static void cutUnrecordedLines(Path log, Offsets offsets) {
        try {
            if (!Files.exists(log)) {
                return;
            }
            String key = fileKey(log);
            long keep = offsets.logFileKey() == null || offsets.logFileKey().equals(key) ? offsets.logSize()
                    : 0; // rotated in the unrecorded step: the new file holds only unrecorded lines
            if (Files.size(log) > keep) {
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(log,
                        java.nio.file.StandardOpenOption.WRITE)) {
                    channel.truncate(keep);
                }
            }
        } catch (IOException e) {
            System.err.println("supervisor: check " + log + ": " + e);
        }
    }

    private static String fileKey(Path file) throws IOException {
        Object key = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        return key == null ? null : key.toString();
    }

    private Offsets readOffsets(ContainerId id) {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(layout.logOffsets(id)), Offsets.class);
        } catch (IOException e) {
            return Offsets.START;
        }
    }
}
