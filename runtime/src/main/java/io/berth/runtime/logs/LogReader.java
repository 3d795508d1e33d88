package io.berth.runtime.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.ContainerId;
import io.berth.runtime.LogLine;
import io.berth.runtime.LogQuery;
import io.berth.runtime.LogSink;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads a container's JSON log files (rotated ones first) in the caller's process; with follow,
 * keeps reading the live file (noticing rotation) while {@code stillRunning} says so.
 */
public final class LogReader {
    /** The supervisor's log pump writes new lines this often: reading more often finds nothing. */
    private static final long READ_INTERVAL_MILLIS = 200;
    private static final Duration PROMPT_PERIOD = Duration.ofSeconds(2);
    private static final Duration STATE_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final ContainerId id;
    private final Path logFile;

    public LogReader(ContainerId id, Path logFile) {
        this.id = id;
        this.logFile = logFile;
    }

    public void read(LogQuery query, LogSink sink, BooleanSupplier stillRunning) {
        read(query, sink, Liveness.polling(stillRunning));
    }

    public void read(LogQuery query, LogSink sink, Liveness liveness) {
        try {
            ArrayDeque<LogLine> tail = query.tail() == null ? null : new ArrayDeque<>();
            for (Path file : rotatedOldestFirst()) {
                if (!deliverFile(file, query, sink, tail)) {
                    return;
                }
            }
            Position position = new Position();
            if (!deliverFrom(position, query, sink, tail)) {
                return;
            }
            if (tail != null) {
                for (LogLine line : tail) {
                    if (!sink.accept(line)) {
                        return;
                    }
                }
            }
            if (query.follow()) {
                follow(position, query, sink, liveness);
            }
        } catch (IOException e) {
            throw new io.berth.runtime.RuntimeOperationException(
                    io.berth.runtime.RuntimeOperationException.Kind.FAILED,
                    "read logs of container " + id.shortId() + " from " + logFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every {@link #READ_INTERVAL_MILLIS}. For the first {@link #PROMPT_PERIOD} the pause
     * between reads is a wait for the exit (the supervisor's WAIT, which returns the moment the
     * container stops: a one-off {@code run} of a short command ends at once); after that only
     * a question once a second, so that a long {@code logs -f} costs the supervisor little.
     */
    private void follow(Position position, LogQuery query, LogSink sink, Liveness liveness) throws IOException {
        boolean lastRound = false;
        long promptUntil = System.nanoTime() + PROMPT_PERIOD.toNanos();
        long nextStateCheck = 0;
        while (true) {
            Object key = fileKey(logFile);
            if (key != null && position.fileKey != null && !key.equals(position.fileKey)) {
                // rotated: finish the old file (now .1), then start the new one from its beginning
                Path old = JsonLogWriter.rotated(logFile, 1);
                if (Files.exists(old) && position.fileKey.equals(fileKey(old))) {
                    Position oldPosition = new Position();
                    oldPosition.offset = position.offset;
                    if (!readLines(old, oldPosition, query, sink, null)) {
                        return;
                    }
                }
                position.offset = 0;
                position.fileKey = null;
            }
            if (!deliverFrom(position, query, sink, null)) {
                return;
            }
            if (query.until() != null && Instant.now().isAfter(query.until())) {
                return;
            }
            if (lastRound) {
                return;
            }
            // After it stopped, one more read at once: the supervisor pumps a container's last
            // lines before it records the exit (ExitHandler.handleExit), so they are there.
            long now = System.nanoTime();
            if (now < promptUntil) {
                lastRound = !liveness.runningAfter(Duration.ofMillis(READ_INTERVAL_MILLIS));
            } else if (now >= nextStateCheck) {
                nextStateCheck = now + STATE_CHECK_INTERVAL.toNanos();
                lastRound = !liveness.runningAfter(Duration.ZERO);
                if (!lastRound) {
                    sleep(READ_INTERVAL_MILLIS);
                }
            } else {
                sleep(READ_INTERVAL_MILLIS);
            }
        }
    }

    private static final class Position {
        long offset;
        Object fileKey;
    }

    private boolean deliverFrom(Position position, LogQuery query, LogSink sink, ArrayDeque<LogLine> tail)
            throws IOException {
        if (!Files.exists(logFile)) {
            return true;
        }
        if (position.fileKey == null) {
            position.fileKey = fileKey(logFile);
        }
        return readLines(logFile, position, query, sink, tail);
    }

    private boolean deliverFile(Path file, LogQuery query, LogSink sink, ArrayDeque<LogLine> tail)
            throws IOException {
        return readLines(file, new Position(), query, sink, tail);
    }

    /** Reads whole lines from position.offset to the end, in bounded chunks. False: the sink said stop. */
    private boolean readLines(Path file, Position position, LogQuery query, LogSink sink,
                              ArrayDeque<LogLine> tail) throws IOException {
        while (true) {
            long before = position.offset;
            if (!readChunk(file, position, query, sink, tail)) {
                return false;
            }
            if (position.offset == before) {
                return true;
            }
        }
    }

    private boolean readChunk(Path file, Position position, LogQuery query, LogSink sink,
                              ArrayDeque<LogLine> tail) throws IOException {
        byte[] bytes;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length() - position.offset;
            if (length <= 0) {
                return true;
            }
            bytes = new byte[(int) Math.min(length, 1024 * 1024)];
            raf.seek(position.offset);
            raf.readFully(bytes);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return true;
        }
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            LogLine line = parse(new String(bytes, start, i - start, StandardCharsets.UTF_8));
            start = i + 1;
            if (line == null || (query.since() != null && line.time().isBefore(query.since()))
                    || (query.until() != null && line.time().isAfter(query.until()))) {
                continue;
            }
            if (tail != null) {
                tail.addLast(line);
                while (tail.size() > query.tail()) {
                    tail.removeFirst();
                }
            } else if (!sink.accept(line)) {
                return false;
            }
        }
        position.offset += start;
        return true;
    }

    private LogLine parse(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            String text = node.path("log").asText();
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            return new LogLine(id, Instant.parse(node.path("time").asText()), node.path("stream").asText(), text);
        } catch (IOException | RuntimeException e) {
            return null; // a torn line at a crash: skip it
        }
    }

    private List<Path> rotatedOldestFirst() {
        List<Path> files = new ArrayList<>();
        for (int index = 1; Files.exists(JsonLogWriter.rotated(logFile, index)); index++) {
            files.add(0, JsonLogWriter.rotated(logFile, index));
        }
        return files;
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.berth.runtime.RuntimeOperationException(
                    io.berth.runtime.RuntimeOperationException.Kind.FAILED, "log follow interrupted");
        }
    }
}
