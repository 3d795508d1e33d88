package io.berth.runtime.build.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Dockerfile as BuildKit's frontend does: parser directives, continuations, comments,
 * heredocs, exec and shell forms, every instruction and its flags, checked all at once.
 */
public final class DockerfileParser {
    private DockerfileParser() {
    }

    /**
     * @param fileName the name for positions and messages (e.g. {@code Dockerfile})
     * @param text     the file's content
     * @throws DockerfileException with every problem found, sorted by position
     */
    public static Dockerfile parse(String fileName, String text) throws DockerfileException {
        List<String> problems = new ArrayList<>();
        LineReader reader = new LineReader(fileName, text, problems);
        List<Instruction> instructions = read(fileName, reader, problems);
        for (Instruction instruction : instructions) {
            new InstructionRules(problems).check(instruction);
            if (instruction.keyword().equals("ONBUILD")) {
                checkTrigger(fileName, reader.escape(), instruction, problems);
            }
        }
        List<String> notes = new ArrayList<>();
        if (reader.syntax() != null) {
            notes.add(fileName + ":" + reader.syntaxLine() + ":1: note: the syntax directive (" + reader.syntax()
                    + ") is read and ignored: Berth builds with its own Dockerfile frontend");
        }
        List<Instruction> globalArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        assemble(fileName, instructions, globalArgs, stages, problems, reader);
        if (!problems.isEmpty()) {
            throw new DockerfileException(DockerfileException.sortedByPosition(problems));
        }
        return new Dockerfile(fileName, reader.escape(), reader.syntax(), notes, globalArgs, stages);
    }

    /** The instructions of the file, as read (no check of flags and arguments). */
    static List<Instruction> read(String fileName, LineReader reader, List<String> problems) {
        List<Instruction> instructions = new ArrayList<>();
        LogicalLine line;
        while ((line = reader.nextLogical()) != null) {
            Instruction instruction = new InstructionReader(fileName, reader.escape(), problems).read(line, reader);
            if (instruction != null) {
                instructions.add(instruction);
            }
        }
        return instructions;
    }

    /** Reads an ONBUILD trigger as an instruction of its own, for its problems. */
    private static void checkTrigger(String fileName, char escape, Instruction onbuild, List<String> problems) {
        String expression = onbuild.words().isEmpty() ? "" : onbuild.words().get(0);
        parseTrigger(fileName, escape, expression, onbuild.position(), problems);
    }

    /**
     * Parses and checks one ONBUILD trigger (as stored in an image's OnBuild list) into an
     * instruction placed at {@code position}; problems are added, null returned when it has any.
     */
    public static Instruction parseTrigger(String fileName, char escape, String expression, SourcePosition position,
                                           List<String> problems) {
        List<String> local = new ArrayList<>();
        LineReader reader = new LineReader(fileName, expression, local);
        LogicalLine line = reader.nextLogical();
        Instruction instruction = null;
        if (line != null) {
            instruction = new InstructionReader(fileName, escape, local).read(line, reader);
        }
        if (instruction != null) {
            new InstructionRules(local).check(instruction);
        }
        for (String problem : local) {
            // positions inside the trigger text are meaningless to the user: report at the ONBUILD
            int colon = problem.indexOf(": ", fileName.length());
            problems.add(position + ": ONBUILD trigger: " + (colon < 0 ? problem : problem.substring(colon + 2)));
        }
        if (instruction == null || !local.isEmpty()) {
            return null;
        }
        return new Instruction(instruction.keyword(), instruction.flags().stream()
                .map(flag -> new Flag(flag.name(), flag.value(), position)).toList(), instruction.arguments(),
                instruction.words(), instruction.jsonForm(), instruction.heredocs(), position, expression);
    }

    private static void assemble(String fileName, List<Instruction> instructions, List<Instruction> globalArgs,
                                 List<Stage> stages, List<String> problems, LineReader reader) {
        if (instructions.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(fileName + ":" + Math.max(1, reader.lineCount()) + ":1: file with no instructions");
            }
            return;
        }
        Instruction from = null;
        List<Instruction> body = new ArrayList<>();
        Map<String, Instruction> names = new HashMap<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                if (from != null) {
                    stages.add(stage(stages.size(), from, body));
                }
                from = instruction;
                body = new ArrayList<>();
                String name = stageName(instruction);
                if (name != null) {
                    Instruction earlier = names.putIfAbsent(name, instruction);
                    if (earlier != null) {
                        problems.add(instruction.position() + ": duplicate stage name \"" + name
                                + "\" (first at " + earlier.position() + ")");
                    }
                }
            } else if (from == null) {
                if (instruction.keyword().equals("ARG")) {
                    globalArgs.add(instruction);
                } else {
                    problems.add(instruction.position() + ": " + instruction.keyword()
                            + " before the first FROM (only ARG may come before FROM)");
                }
            } else {
                body.add(instruction);
            }
        }
        if (from == null) {
            problems.add(fileName + ":1:1: no FROM instruction: a Dockerfile needs at least one stage");
            return;
        }
        stages.add(stage(stages.size(), from, body));
    }

    private static String stageName(Instruction from) {
        List<String> words = from.words();
        return words.size() == 3 && words.get(1).equalsIgnoreCase("as") ? words.get(2).toLowerCase(Locale.ROOT) : null;
    }

    private static Stage stage(int index, Instruction from, List<Instruction> body) {
        String base = from.words().isEmpty() ? "" : from.words().get(0);
        String platform = from.flag("platform").map(Flag::value).orElse(null);
        return new Stage(index, stageName(from), from, base, platform, body);
    }
}
