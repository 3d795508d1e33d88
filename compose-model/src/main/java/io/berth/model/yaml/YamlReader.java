package io.berth.model.yaml;

import io.berth.model.Problem;
import io.berth.model.tree.SourceMap;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parse phase: bytes of one Compose file to a plain tree (maps, lists, scalars) with positions.
 * Hostile input is refused with a problem, within bounded time and memory: size, UTF-8, nesting
 * depth and alias expansion are all limited.
 */
public final class YamlReader {
    public static final int MAX_BYTES = 4 * 1024 * 1024; // a served command shares a 128 MiB heap (issue 11)
    static final int MAX_DEPTH = 200;
    static final int MAX_ALIASES = 1000;

    private YamlReader() {
    }

    /**
     * The parsed file, or its problems (never both). {@code documents} holds every YAML document of the
     * file in order (Compose merges them as override layers); {@code tree} is the first, null when the
     * file holds no document at all.
     */
    public record Result(Object tree, SourceMap sources, List<Problem> problems, List<Object> documents) {
        Result(Object tree, SourceMap sources, List<Problem> problems) {
            this(tree, sources, problems, tree == null ? List.of() : java.util.Collections.singletonList(tree));
        }
    }

    public static Result read(String fileName, byte[] bytes) {
        List<Problem> problems = new ArrayList<>();
        if (bytes.length > MAX_BYTES) {
            problems.add(new Problem(fileName, 0, 0, "", "file is too large (" + bytes.length
                    + " bytes, at most " + MAX_BYTES + ")"));
            return new Result(null, new SourceMap(), problems);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new Problem(fileName, 0, 0, "", "file is not valid UTF-8 text (at byte "
                    + firstInvalidByte(bytes) + ")"));
            return new Result(null, new SourceMap(), problems);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        LoadSettings settings = LoadSettings.builder().setLabel(fileName).setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true).setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false).setCodePointLimit(MAX_BYTES).build();
        try {
            // One parse: the events checked for nesting are the ones the composer then reads.
            List<Event> events = eventsWithinNesting(fileName, text, settings, problems);
            if (events == null) {
                return new Result(null, new SourceMap(), problems);
            }
            Composer composer = new Composer(settings, new ReplayParser(events));
            SourceMap sources = new SourceMap();
            NodeConverter converter = new NodeConverter(fileName, sources, problems);
            List<Object> documents = new ArrayList<>();
            while (composer.hasNext()) {
                documents.add(converter.convertRoot(composer.next()));
            }
            if (!problems.isEmpty()) {
                return new Result(null, sources, problems);
            }
            return new Result(documents.isEmpty() ? null : documents.get(0), sources, problems, documents);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String message = "yaml: " + (e.getProblem() == null ? e.getMessage() : e.getProblem());
            problems.add(mark == null ? new Problem(fileName, 0, 0, "", message)
                    : new Problem(fileName, mark.getLine() + 1, mark.getColumn() + 1, "", message));
        } catch (YamlEngineException e) {
            problems.add(new Problem(fileName, 0, 0, "", "yaml: " + firstLine(e.getMessage())));
        }
        return new Result(null, new SourceMap(), problems);
    }

    /**
     * The composer recurses per level: refuse deep nesting from the (iterative) event stream first.
     * Returns the events, or null (with a problem) when too deep.
     */
    private static List<Event> eventsWithinNesting(String fileName, String text, LoadSettings settings,
                                                   List<Problem> problems) {
        int depth = 0;
        List<Event> events = new ArrayList<>();
        for (Event event : new Parse(settings).parseString(text)) {
            events.add(event);
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        Mark mark = event.getStartMark().orElse(null);
                        problems.add(new Problem(fileName, mark == null ? 0 : mark.getLine() + 1,
                                mark == null ? 0 : mark.getColumn() + 1, "",
                                "yaml: nesting is deeper than " + MAX_DEPTH + " levels"));
                        return null;
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {
                }
            }
        }
        return events;
    }

    private static int firstInvalidByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
