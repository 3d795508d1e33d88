package io.berth.runtime.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Berth's own table of Dockerfile forms: each case's instructions (after {@code FROM scratch}) and
 * their dump, one line an instruction: keyword, flags, {@code json} for the exec form, the words
 * joined by {@code ¦}, then any heredocs as {@code <<name:content}.
 */
class DockerfileFormsTest {
    private static String dump(Instruction instruction) {
        StringBuilder out = new StringBuilder(instruction.keyword());
        instruction.flags().forEach(flag -> out.append(' ').append(flag.text()));
        out.append(instruction.jsonForm() ? " json" : "").append(" => ").append(String.join("¦", instruction.words()));
        instruction.heredocs().forEach(heredoc -> out.append(" <<").append(heredoc.name()).append(':')
                .append(heredoc.content()));
        return out.toString();
    }

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("RUN echo hi", "RUN => echo hi"),
                Arguments.of("run echo lower case keyword", "RUN => echo lower case keyword"),
                Arguments.of("RUN\techo tab", "RUN => echo tab"),
                Arguments.of("RUN echo # not a comment", "RUN => echo # not a comment"),
                Arguments.of("RUN [\"echo\", \"hi\"]", "RUN json => echo¦hi"),
                Arguments.of("CMD [ \"a\" ,  \"b c\" ]", "CMD json => a¦b c"),
                Arguments.of("CMD [\"say \\\"hi\\\"\", \"\\u0041\"]", "CMD json => say \"hi\"¦A"),
                Arguments.of("CMD [\"a\", 'b']", "CMD => [\"a\", 'b']"),
                Arguments.of("ENTRYPOINT [\"unterminated", "ENTRYPOINT => [\"unterminated"),
                Arguments.of("CMD []", "CMD json => "),
                Arguments.of("CMD [\"a\"] trailing", "CMD => [\"a\"] trailing"),
                Arguments.of("RUN echo end \\", "RUN => echo end"),
                Arguments.of("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
                        "SHELL json => /bin/bash¦-o¦pipefail¦-c"),
                Arguments.of("RUN make \\\n    build", "RUN => make     build"),
                Arguments.of("RUN a \\\n\n# between\n  b", "RUN => a   b"),
                Arguments.of("RUN [\"sh\", \\\n \"-c\", \"true\"]", "RUN json => sh¦-c¦true"),
                Arguments.of("ENV A=1 B=\"two words\"", "ENV => A¦1¦B¦\"two words\""),
                Arguments.of("ENV OLD spaced value", "ENV => OLD¦spaced value"),
                Arguments.of("ENV A=one\\ two", "ENV => A¦one\\ two"),
                Arguments.of("LABEL version=1 \"maintainer name\"=me", "LABEL => version¦1¦\"maintainer name\"¦me"),
                Arguments.of("ARG V", "ARG => V"),
                Arguments.of("COPY --chown=app:app --chmod=755 a b /dst/", "COPY --chown=app:app --chmod=755 => a¦b¦/dst/"),
                Arguments.of("COPY --link --from=build /out /", "COPY --link --from=build => /out¦/"),
                Arguments.of("COPY [\"my file\", \"/x/\"]", "COPY json => my file¦/x/"),
                Arguments.of("ADD --checksum=sha256:abc https://example.test/a.tgz /a",
                        "ADD --checksum=sha256:abc => https://example.test/a.tgz¦/a"),
                Arguments.of("EXPOSE 80 443/udp", "EXPOSE => 80¦443/udp"),
                Arguments.of("VOLUME [\"/data\", \"/logs\"]", "VOLUME json => /data¦/logs"),
                Arguments.of("VOLUME /data /logs", "VOLUME => /data¦/logs"),
                Arguments.of("USER app:app", "USER => app:app"),
                Arguments.of("STOPSIGNAL SIGTERM", "STOPSIGNAL => SIGTERM"),
                Arguments.of("ONBUILD RUN make", "ONBUILD => RUN make"),
                Arguments.of("RUN --network=none --mount=type=tmpfs,target=/t echo",
                        "RUN --network=none --mount=type=tmpfs,target=/t => echo"),
                Arguments.of("RUN <<EOF\nset -e\necho hi\nEOF", "RUN => <<EOF <<EOF:set -e\necho hi\n"),
                Arguments.of("COPY <<conf /etc/app.conf\nport=8080\nconf",
                        "COPY => <<conf¦/etc/app.conf <<conf:port=8080\n"),
                Arguments.of("RUN <<EOF\nEOF", "RUN => <<EOF <<EOF:"),
                Arguments.of("RUN <<'RAW' sh\necho $HOME\nRAW", "RUN => <<'RAW' sh <<RAW:echo $HOME\n"),
                Arguments.of("COPY <<-EOT /x\n\tindented\n\tEOT", "COPY => <<-EOT¦/x <<EOT:\tindented\n"),
                Arguments.of("RUN cat <<A <<B\none\nA\ntwo\nB", "RUN => cat <<A <<B <<A:one\n <<B:two\n"),
                Arguments.of("RUN echo one\n# comment\n\n   \nRUN echo two", "RUN => echo one\nRUN => echo two"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("forms")
    void dumps(String body, String expected) throws DockerfileException {
        Dockerfile dockerfile = DockerfileParser.parse("Dockerfile", "FROM scratch\n" + body + "\n");
        assertEquals(expected, dockerfile.stages().get(0).instructions().stream().map(DockerfileFormsTest::dump)
                .collect(Collectors.joining("\n")));
    }

    static Stream<Arguments> escapeDirective() {
        return Stream.of(
                Arguments.of("# escape=`\nFROM scratch\nRUN dir c:\\ `\n  /s\n", '`', "RUN => dir c:\\   /s"),
                Arguments.of("# escape=\\\nFROM scratch\nRUN a \\\n b\n", '\\', "RUN => a  b"),
                Arguments.of("#escape = `\nFROM scratch\nRUN a\n", '`', "RUN => a"),
                Arguments.of("# a comment first\n# escape=`\nFROM scratch\nRUN a \\\nRUN b\n", '\\',
                        "RUN => a RUN b"),
                Arguments.of("\n# escape=`\nFROM scratch\nRUN a\n", '\\', "RUN => a"));
    }

    @ParameterizedTest(name = "[{index}] escape {1}")
    @MethodSource("escapeDirective")
    void escapeDirective(String text, char escape, String expected) throws DockerfileException {
        Dockerfile dockerfile = DockerfileParser.parse("Dockerfile", text);
        assertEquals(escape, dockerfile.escape());
        assertEquals(expected, dockerfile.stages().get(0).instructions().stream().map(DockerfileFormsTest::dump)
                .collect(Collectors.joining("\n")));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("FROM scratch\nFORM x\n", "Dockerfile:2:1:"),
                Arguments.of("FROM scratch\nCOPY onlyone\n", "Dockerfile:2:1:"),
                Arguments.of("FROM scratch\nEXPOSE\n", "Dockerfile:2:1:"),
                Arguments.of("FROM scratch\nRUN --bogus=1 true\n", "Dockerfile:2:5:"),
                Arguments.of("FROM scratch\nCOPY --chown=a \\\n  --nope=1 a b\n", "Dockerfile:3:3:"),
                Arguments.of("FROM scratch\nCMD [1, 2]\n", "Dockerfile:2:1:"),
                Arguments.of("FROM scratch\nRUN <<EOF\nnever closed\n", "Dockerfile:2:"),
                Arguments.of("RUN before\n", "Dockerfile:1:1:"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("errors")
    void reportsAtThePosition(String text, String position) {
        List<String> problems = assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("Dockerfile", text)).problems();
        assertEquals(position, problems.get(0).substring(0, position.length()), problems.toString());
    }
}
