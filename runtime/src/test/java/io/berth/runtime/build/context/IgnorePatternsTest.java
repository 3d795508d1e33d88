package io.berth.runtime.build.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IgnorePatternsTest {
    /** The patterns, separated by blanks, as the lines of a .dockerignore. */
    private static boolean excluded(String patterns, String path) {
        return IgnorePatterns.parse(String.join("\n", patterns.split(" +"))).excludes(path);
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *.log              | app.log                      | true
            *.log              | logs/app.log                 | false
            **/*.log           | app.log                      | true
            **/*.log           | logs/app.log                 | true
            **/*.log           | a/b/c/app.log                | true
            **/*.log           | a/b/c/app.log.gz             | false
            logs/**            | logs/app.log                 | true
            logs/**            | logs/2024/app.log            | true
            logs/**            | logs                         | false
            logs               | logs                         | true
            logs               | logs/2024/app.log            | true
            logs               | web/logs                     | false
            /build             | build/out.jar                | true
            build/             | build/out.jar                | true
            /build/            | build                        | true
            ./src/../build     | build                        | true
            ./build/./classes  | build/classes/Main.class     | true
            src/*/test         | src/main/test                | true
            src/*/test         | src/main/java/test           | false
            src/**/test        | src/main/java/test           | true
            src/**/test        | src/test                     | true
            src/**/test        | other/src/test               | false
            **                 | deep/er/file                 | true
            **/.git            | .git                         | true
            **/.git            | vendor/lib/.git/HEAD         | true
            **/node_modules    | web/node_modules/x/index.js  | true
            node_modules       | web/node_modules             | false
            ?.txt              | a.txt                        | true
            ?.txt              | ab.txt                       | false
            ?.txt              | /.txt                        | false
            [abc].md           | b.md                         | true
            [abc].md           | d.md                         | false
            [^abc].md          | d.md                         | true
            [a-c]x             | bx                           | true
            [a-c]x             | dx                           | false
            .env*              | .env.local                   | true
            .env*              | config/.env                  | false
            *.MD               | README.md                    | false
            v1.2               | v1x2                         | false
            a+b(c){d}$.txt     | a+b(c){d}$.txt               | true
            file\\*name        | file*name                    | true
            file\\*name        | file-name                    | false
            tmp*/cache         | tmp1/cache                   | true
            tmp*/cache         | tmp/x/cache                  | false
            """)
    void matchesOnePattern(String pattern, String path, boolean expected) {
        assertEquals(expected, excluded(pattern, path));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *.md !README.md                   | README.md          | false
            *.md !README.md                   | CHANGELOG.md       | true
            !README.md *.md                   | README.md          | true
            docs !docs/index.html             | docs/index.html    | false
            docs/ !docs/index.html            | docs/index.html    | false
            docs/* !docs/index.html           | docs/index.html    | false
            docs !docs/index.html             | docs/other.html    | true
            ** !src src/generated             | src/main.go        | false
            ** !src src/generated             | src/generated/x.go | true
            ** !src src/generated !**/keep.go | src/generated/keep.go | false
            * !Dockerfile                     | Dockerfile         | false
            * !Dockerfile                     | main.go            | true
            **/*.tmp !cache/**                | cache/a.tmp        | false
            **/*.tmp !cache/** cache/b.tmp    | cache/b.tmp        | true
            """)
    void exceptionsAndTheLastMatchWins(String patterns, String path, boolean expected) {
        assertEquals(expected, excluded(patterns, path));
    }

    @Test
    void noPatternsExcludeNothing() {
        assertFalse(IgnorePatterns.parse("").excludes("any/path"));
        assertFalse(IgnorePatterns.parse("# only a comment\n\n").excludes("any/path"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"!", "[", "src/[a-", "! "})
    void badPatternsAreRefused(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> IgnorePatterns.parse("ok\n" + pattern + "\n"));
    }

    @Test
    void readsCommentsBlanksAndCleansPaths() {
        IgnorePatterns patterns = IgnorePatterns.parse("""
                # build output
                target

                /dist/
                   .idea   \s
                !/dist/keep.txt
                ! ./docs/../README.md
                a//b/./c/
                """);
        assertEquals(List.of("target", "dist", ".idea", "!dist/keep.txt", "!README.md", "a/b/c"),
                patterns.patterns());
    }

    @Test
    void directoriesAreSkippedOnlyWhenNoExceptionCanReachInside() {
        assertTrue(IgnorePatterns.parse("target\n").skipsDirectory("target"));
        IgnorePatterns excepted = IgnorePatterns.parse("site\n!site/index.html\n");
        assertFalse(excepted.skipsDirectory("site"));
        assertTrue(excepted.excludes("site/about.html"));
        assertFalse(excepted.excludes("site/index.html"));
        assertTrue(IgnorePatterns.parse("target\n!lib/keep\n").skipsDirectory("target"));
        assertFalse(IgnorePatterns.parse("**\n!**/*.go\n").skipsDirectory("cmd"));
    }
}
