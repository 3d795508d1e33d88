package io.berth.runtime.build.exec;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Follows a RUN's stdout and stderr files while it runs (the init stage opens them O_APPEND, so
 * a dying builder never gives the command a SIGPIPE) and hands each complete line on; keeps the
 * last lines for an error message.
 */
final class OutputTail {
    private static final int KEPT_LINES = 20;
    private final List<Source> sources = new ArrayList<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final BiConsumer<Boolean, String> sink;

    /** {@code sink} gets (isStderr, line). */
    OutputTail(Path stdout, Path stderr, BiConsumer<Boolean, String> sink) {
        this.sources.add(new Source(stdout, false));
        this.sources.add(new Source(stderr, true));
        this.sink = sink;
    }

    /** Reads what was written since the last call; {@code atEnd}: a last unterminated line counts too. */
    synchronized void poll(boolean atEnd) {
        for (Source source : sources) {
            source.read(atEnd);
        }
    }

    synchronized List<String> lastLines() {
        return List.copyOf(lastLines);
    }

    private void emit(boolean stderr, String line) {
        if (lastLines.size() == KEPT_LINES) {
            lastLines.removeFirst();
        }
        lastLines.addLast(line);
        sink.accept(stderr, line);
    }

    private final class Source {
        private final Path file;
        private final boolean stderr;
        private long offset;
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

        Source(Path file, boolean stderr) {
            this.file = file;
            this.stderr = stderr;
        }

        void read(boolean atEnd) {
            if (!Files.exists(file)) {
                return;
            }
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(offset);
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    offset += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            emit(stderr, text());
                        } else {
                            partial.write(buffer[i]);
                        }
                    }
                }
            } catch (IOException e) {
                emit(true, "(output of the step could not be read: " + e.getMessage() + ")");
            }
            if (atEnd && partial.size() > 0) {
                emit(stderr, text());
            }
        }

        private String text() {
            String line = partial.toString(StandardCharsets.UTF_8);
            partial.reset();
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }
    }
}
