package io.berth.runtime.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Appends Docker json-file lines ({"log":"...\n","stream":"stdout","time":"..."}) to a
 * container's log, rotating it to log.1, log.2, ... when it passes the size cap.
 */
public final class JsonLogWriter {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final Path file;
    private final LogOptions options;

    public JsonLogWriter(Path file, LogOptions options) {
        this.file = file;
        this.options = options;
    }

    /** Encodes one line; {@code text} without its line ending (the newline is added back). */
    public static void encode(ByteArrayOutputStream out, Instant time, String stream, String text,
                              boolean newline) throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("log", newline ? text + "\n" : text);
            generator.writeStringField("stream", stream);
            generator.writeStringField("time", time.toString());
            generator.writeEndObject();
        }
        out.write('\n');
    }

    /**
     * Appends already-encoded lines (each ending in a newline), rotating whenever the next line
     * would pass the cap, so no file grows beyond it (unless one line alone is larger).
     */
    public void append(byte[] encodedLines) throws IOException {
        int from = 0;
        long size = Files.exists(file) ? Files.size(file) : 0;
        while (from < encodedLines.length) {
            int to = from;
            int next = from;
            // take whole lines while they fit
            while (next < encodedLines.length) {
                int lineEnd = next;
                while (lineEnd < encodedLines.length && encodedLines[lineEnd] != '\n') {
                    lineEnd++;
                }
                lineEnd = Math.min(lineEnd + 1, encodedLines.length);
                if (size + (lineEnd - from) > options.maxBytes() && (size > 0 || to > from)) {
                    break;
                }
                to = lineEnd;
                next = lineEnd;
            }
            if (to == from) {
                rotate();
                size = 0;
                continue;
            }
            write(encodedLines, from, to);
            size += to - from;
            from = to;
        }
    }

    private void write(byte[] bytes, int from, int to) throws IOException {
        // 0600: a container's output is its owner's (Docker's logs are not world-readable either)
        try (FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND), java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, from, to - from);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private void rotate() throws IOException {
        int keep = Math.max(1, options.maxFiles());
        Files.deleteIfExists(rotated(file, keep - 1));
        for (int index = keep - 2; index >= 1; index--) {
            if (Files.exists(rotated(file, index))) {
                Files.move(rotated(file, index), rotated(file, index + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep > 1) {
            Files.move(file, rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
    }

    static Path rotated(Path file, int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    static String decodeUtf8(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
