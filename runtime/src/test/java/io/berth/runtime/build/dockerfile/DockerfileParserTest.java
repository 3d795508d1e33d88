package io.berth.runtime.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
    private static Dockerfile parse(String text) throws DockerfileException {
        return DockerfileParser.parse("Dockerfile", text);
    }

    private static List<String> problems(String text) {
        return assertThrows(DockerfileException.class, () -> parse(text)).problems();
    }

    @Test
    void readsGlobalArgsStagesAndInstructions() throws DockerfileException {
        Dockerfile dockerfile = parse("""
                ARG GO=1.22
                FROM golang:${GO} AS Build
                WORKDIR /src
                RUN go build -o /app .

                FROM busybox
                COPY --from=build /app /app
                """);
        assertEquals(1, dockerfile.globalArgs().size());
        assertEquals(List.of("GO=1.22"), dockerfile.globalArgs().get(0).words());
        assertEquals(2, dockerfile.stages().size());
        Stage build = dockerfile.stages().get(0);
        assertEquals("build", build.name());
        assertEquals("golang:${GO}", build.baseName());
        assertEquals(List.of("WORKDIR", "RUN"), build.instructions().stream().map(Instruction::keyword).toList());
        assertEquals(List.of("go build -o /app ."), build.instructions().get(1).words());
        Instruction copy = dockerfile.stages().get(1).instructions().get(0);
        assertEquals("build", copy.flag("from").orElseThrow().value());
        assertEquals(List.of("/app", "/app"), copy.words());
        assertEquals(new SourcePosition("Dockerfile", 7, 1), copy.position());
        assertEquals(new SourcePosition("Dockerfile", 7, 6), copy.flags().get(0).position());
    }

    @Test
    void joinsContinuationsSkippingCommentsAndEmptyLines() throws DockerfileException {
        Dockerfile dockerfile = parse("""
                FROM busybox
                RUN echo a \\
                # a comment inside
                      b \\

                    c
                # trailing comment
                  CMD ["sh"]
                """);
        List<Instruction> instructions = dockerfile.stages().get(0).instructions();
        assertEquals("echo a       b     c", instructions.get(0).arguments());
        assertEquals(new SourcePosition("Dockerfile", 8, 3), instructions.get(1).position());
        assertTrue(instructions.get(1).jsonForm());
        assertEquals(List.of("sh"), instructions.get(1).words());
    }

    @Test
    void escapeDirectiveChangesTheContinuationCharacter() throws DockerfileException {
        Dockerfile dockerfile = parse("# escape=`\nFROM busybox\nRUN dir c:\\ `\n  && echo done\n");
        assertEquals('`', dockerfile.escape());
        assertEquals("dir c:\\   && echo done", dockerfile.stages().get(0).instructions().get(0).arguments());
    }

    @Test
    void syntaxDirectiveIsReadAndNoted() throws DockerfileException {
        Dockerfile dockerfile = parse("# syntax=docker/dockerfile:1\nFROM busybox\n");
        assertEquals("docker/dockerfile:1", dockerfile.syntax());
        assertTrue(dockerfile.notes().get(0).contains("ignored"));
    }

    @Test
    void directiveAfterACommentIsAComment() throws DockerfileException {
        Dockerfile dockerfile = parse("# hello\n# escape=`\nFROM busybox\n");
        assertEquals('\\', dockerfile.escape());
    }

    @Test
    void invalidJsonFallsBackToShellForm() throws DockerfileException {
        Instruction cmd = parse("FROM busybox\nCMD ['single', 'quotes']\n").stages().get(0).instructions().get(0);
        assertFalse(cmd.jsonForm());
        assertEquals(List.of("['single', 'quotes']"), cmd.words());
    }

    @Test
    void envOldAndNewForms() throws DockerfileException {
        List<Instruction> instructions = parse("""
                FROM busybox
                ENV PATH /usr/local/bin:$PATH and more
                ENV A=1 B="two words" C=three\\ words
                LABEL "com.example.vendor"="ACME" version=1.0
                """).stages().get(0).instructions();
        assertEquals(List.of("PATH", "/usr/local/bin:$PATH and more"), instructions.get(0).words());
        assertEquals(List.of("A", "1", "B", "\"two words\"", "C", "three\\ words"), instructions.get(1).words());
        assertEquals(List.of("\"com.example.vendor\"", "\"ACME\"", "version", "1.0"), instructions.get(2).words());
    }

    @Test
    void heredocsOfRunAndCopy() throws DockerfileException {
        List<Instruction> instructions = parse("""
                FROM busybox
                RUN <<EOF
                echo $HOME
                EOF
                RUN <<-'END' cat > /x && cat <<TWO > /y
                \t\tquoted $HOME
                \tEND
                second
                TWO
                COPY <<app.conf /etc/app.conf
                port=80
                app.conf
                CMD ["true"]
                """).stages().get(0).instructions();
        Heredoc first = instructions.get(0).heredocs().get(0);
        assertEquals(new Heredoc("EOF", "echo $HOME\n", true, false), first);
        List<Heredoc> two = instructions.get(1).heredocs();
        assertEquals(2, two.size());
        assertEquals("END", two.get(0).name());
        assertFalse(two.get(0).expand());
        assertTrue(two.get(0).chomp());
        assertEquals("quoted $HOME\n", two.get(0).chomped());
        assertEquals(new Heredoc("TWO", "second\n", true, false), two.get(1));
        assertEquals(List.of("<<app.conf", "/etc/app.conf"), instructions.get(2).words());
        assertEquals("port=80\n", instructions.get(2).heredocs().get(0).content());
        assertEquals("CMD", instructions.get(3).keyword());
    }

    @Test
    void heredocInExecFormIsNoHeredoc() throws DockerfileException {
        Instruction run = parse("FROM busybox\nRUN [\"sh\", \"-c\", \"cat <<EOF\"]\n").stages().get(0)
                .instructions().get(0);
        assertTrue(run.heredocs().isEmpty());
    }

    @Test
    void runFlagsMountsAndNetwork() throws DockerfileException {
        Instruction run = parse("""
                FROM busybox
                RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=token --network=none make
                """).stages().get(0).instructions().get(0);
        assertEquals(2, run.flagsNamed("mount").size());
        assertEquals("none", run.flag("network").orElseThrow().value());
        assertEquals(List.of("make"), run.words());
    }

    @Test
    void onbuildKeepsTheTriggerExpression() throws DockerfileException {
        Instruction onbuild = parse("FROM busybox\nONBUILD RUN <<EOF\necho hi\nEOF\nONBUILD COPY . /app\n")
                .stages().get(0).instructions().get(0);
        assertEquals("ONBUILD", onbuild.keyword());
        assertEquals(List.of("RUN <<EOF\necho hi\nEOF"), onbuild.words());
    }

    @Test
    void healthcheckForms() throws DockerfileException {
        List<Instruction> instructions = parse("""
                FROM busybox
                HEALTHCHECK --interval=5m --timeout=3s --retries=3 CMD curl -f http://localhost/ || exit 1
                HEALTHCHECK CMD ["wget", "-q", "localhost"]
                HEALTHCHECK NONE
                """).stages().get(0).instructions();
        assertEquals(List.of("CMD", "curl -f http://localhost/ || exit 1"), instructions.get(0).words());
        assertEquals(List.of("CMD", "wget", "-q", "localhost"), instructions.get(1).words());
        assertTrue(instructions.get(1).jsonForm());
        assertEquals(List.of("NONE"), instructions.get(2).words());
    }

    @Test
    void reportsEveryProblemWithItsPosition() {
        List<String> problems = problems("""
                RUN echo before
                FROM busybox AS 1st
                COPY onlyone
                RUN --mount=type=cach,target=/x --netwrk=none true
                WORKDIR
                HEALTHCHECK --interval=fast CMD true
                FORM x
                ONBUILD FROM busybox
                SHELL sh -c
                ENV novalue
                COPY --chown=a --chown=b x y
                """);
        assertEquals(List.of(
                "Dockerfile:1:1: RUN before the first FROM (only ARG may come before FROM)",
                "Dockerfile:2:1: invalid name for build stage: \"1st\", name can't start with a number or contain symbols",
                "Dockerfile:3:1: COPY requires at least two arguments, but only one was provided. Destination could not be determined",
                "Dockerfile:4:5: RUN --mount: unsupported mount type \"cach\" (bind, cache, tmpfs, secret or ssh)",
                "Dockerfile:4:33: RUN: unknown flag: --netwrk (did you mean network?)",
                "Dockerfile:5:1: WORKDIR requires exactly one argument",
                "Dockerfile:6:13: HEALTHCHECK: --interval: time: invalid duration \"fast\" (a Go duration like 30s, 1m30s)",
                "Dockerfile:7:1: unknown instruction: FORM (did you mean FROM?)",
                "Dockerfile:8:1: FROM isn't allowed as an ONBUILD trigger",
                "Dockerfile:9:1: SHELL requires the arguments to be in JSON form (SHELL [\"/bin/bash\", \"-c\"])",
                "Dockerfile:10:1: ENV must have two arguments (ENV name=value)",
                "Dockerfile:11:16: COPY: duplicate flag specified: --chown"), problems);
    }

    @Test
    void flagPositionOnAContinuationLine() {
        List<String> problems = problems("FROM busybox\nRUN \\\n   --bogus=1 true\n");
        assertEquals(List.of("Dockerfile:3:4: RUN: unknown flag: --bogus"), problems);
    }

    @Test
    void unterminatedHeredoc() {
        List<String> problems = problems("FROM busybox\nRUN <<EOF\necho\n");
        assertEquals(List.of("Dockerfile:2:1: unterminated heredoc <<EOF (no line \"EOF\" closes it)"), problems);
    }

    @Test
    void emptyFileAndNoFrom() {
        assertEquals(List.of("Dockerfile:1:1: file with no instructions"), problems("# only a comment\n"));
        assertEquals(List.of("Dockerfile:1:1: no FROM instruction: a Dockerfile needs at least one stage"),
                problems("ARG A=1\n"));
    }

    @Test
    void duplicateStageNames() {
        assertEquals(List.of("Dockerfile:2:1: duplicate stage name \"a\" (first at Dockerfile:1:1)"),
                problems("FROM busybox AS a\nFROM busybox AS A\n"));
    }

    @Test
    void nonStringJsonArrayIsAnError() {
        assertEquals(List.of("Dockerfile:2:1: CMD: when using JSON array syntax, arrays must be comprised of strings only"),
                problems("FROM busybox\nCMD [\"a\", 1]\n"));
    }

    @Test
    void copyFlagsIncludingBooleans() throws DockerfileException {
        Instruction copy = parse("FROM busybox\nCOPY --link --parents --exclude=*.md --exclude=.git --chmod=755 a b /d/\n")
                .stages().get(0).instructions().get(0);
        assertNull(copy.flag("link").orElseThrow().value());
        assertEquals(2, copy.flagsNamed("exclude").size());
        assertEquals(List.of("a", "b", "/d/"), copy.words());
    }

    @Test
    void maintainerStopsignalUserVolumeExpose() throws DockerfileException {
        List<Instruction> instructions = parse("""
                FROM busybox
                MAINTAINER Jane Doe <jane@example.com>
                STOPSIGNAL SIGTERM
                USER app:app
                VOLUME ["/data", "/logs"]
                VOLUME /a /b
                EXPOSE 80/tcp 53/udp
                """).stages().get(0).instructions();
        assertEquals(List.of("Jane Doe <jane@example.com>"), instructions.get(0).words());
        assertEquals(List.of("/data", "/logs"), instructions.get(3).words());
        assertEquals(List.of("/a", "/b"), instructions.get(4).words());
        assertEquals(List.of("80/tcp", "53/udp"), instructions.get(5).words());
    }
}
