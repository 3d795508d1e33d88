package io.berth.runtime.logs;

import io.berth.runtime.ContainerId;
import io.berth.runtime.linux.SupervisorLibc;
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
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_LINE = 16 * 1024;
    private static final long PUNCH_EVERY = 256 * 1024;
    private final ContainerLayout layout;
    private final LogOptions options;
    private final Map<ContainerId, Source> sources = new ConcurrentHashMap<>();
    private final long intervalMillis;
    private volatile boolean running = true;

    /** Consumed offsets of one container's two raw streams. */
    public record Offsets(long stdout, long stderr, long stdoutPunched, long stderrPunched) {
        static final Offsets START = new Offsets(0, 0, 0, 0);
    }

    private final class Source {
        final ContainerId id;
        final JsonLogWriter writer;
        Offsets offsets;

        Source(ContainerId id) {
            this.id = id;
            this.writer = new JsonLogWriter(layout.jsonLog(id), options);
            this.offsets = readOffsets(id);
        }
    }

    public LogPump(ContainerLayout layout, LogOptions options, long intervalMillis) {
        this.layout = layout;
        this.options = options;
        this.intervalMillis = intervalMillis;
    }

    public void register(ContainerId id) {
        sources.computeIfAbsent(id, Source::new);
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

    private void pump(Source source, boolean final_) {
        try {
            Offsets before = source.offsets;
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            long stdout = consume(layout.rawStdout(source.id), before.stdout(), "stdout", encoded, final_);
            long stderr = consume(layout.rawStderr(source.id), before.stderr(), "stderr", encoded, final_);
            if (stdout == before.stdout() && stderr == before.stderr()) {
                return;
            }
            source.writer.append(encoded.toByteArray());
            long stdoutPunched = punch(layout.rawStdout(source.id), before.stdoutPunched(), stdout);
            long stderrPunched = punch(layout.rawStderr(source.id), before.stderrPunched(), stderr);
            source.offsets = new Offsets(stdout, stderr, stdoutPunched, stderrPunched);
            AtomicFiles.write(layout.logOffsets(source.id), Json.MAPPER.writeValueAsBytes(source.offsets));
        } catch (IOException | RuntimeException e) {
            System.err.println("supervisor: logs of " + source.id.shortId() + ": " + e);
        }
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
            while (offset < size) {
                int length = (int) Math.min(CHUNK, size - offset);
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
                boolean atEnd = offset + length >= size;
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
            SupervisorLibc.punchHole(raw, punched, upTo - punched);
            return upTo;
        }
        return punched;
    }

    private Offsets readOffsets(ContainerId id) {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(layout.logOffsets(id)), Offsets.class);
        } catch (IOException e) {
            return Offsets.START;
        }
    }
}
