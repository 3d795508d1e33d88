package io.berth.runtime.build.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.berth.runtime.Digest;
import io.berth.runtime.build.context.ContentChecksum;
import io.berth.runtime.build.dockerfile.DockerfileException;
import io.berth.runtime.build.dockerfile.DockerfileParser;
import io.berth.runtime.build.plan.BuildOptions;
import io.berth.runtime.build.plan.BuildPlanner;
import io.berth.runtime.build.plan.BuildPlatform;
import io.berth.runtime.build.plan.BuildStep;
import io.berth.runtime.build.plan.ImageSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CacheKeysTest {
    private static final String FILE = """
            FROM busybox
            ARG VERSION=1
            ARG UNUSED=x
            RUN echo $VERSION
            COPY src/ /app/
            """;

    private static List<BuildStep> steps(String text, Map<String, String> args) throws DockerfileException {
        BuildPlanner planner = new BuildPlanner(DockerfileParser.parse("Dockerfile", text),
                new BuildOptions(args, null, new BuildPlatform("linux", "amd64", ""), Set.of()));
        planner.graph();
        return planner.evaluate(0, ImageSettings.empty()).steps();
    }

    private static ContentChecksum files(String... pathsAndContents) {
        TreeMap<String, String> files = new TreeMap<>();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], Digest.sha256(pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8)).toString());
            all.append(pathsAndContents[i]).append(pathsAndContents[i + 1]);
        }
        return new ContentChecksum(Digest.sha256(all.toString().getBytes(StandardCharsets.UTF_8)), files);
    }

    @Test
    void sameInputsSameKey() throws DockerfileException {
        BuildStep run = steps(FILE, Map.of()).get(2);
        assertEquals(CacheKeys.of("sha256:base", run, null), CacheKeys.of("sha256:base", steps(FILE, Map.of()).get(2), null));
        assertEquals(List.of(), CacheKeys.explain(CacheKeys.of("p", run, null), CacheKeys.of("p", run, null)));
    }

    @Test
    void explainsAChangedFile() throws DockerfileException {
        BuildStep copy = steps(FILE, Map.of()).get(3);
        CacheKey before = CacheKeys.of("p", copy, files("src/app.py", "a", "src/util.py", "u"));
        CacheKey after = CacheKeys.of("p", copy, files("src/app.py", "b", "src/util.py", "u", "src/new.py", "n"));
        assertNotEquals(before.digest(), after.digest());
        assertEquals(List.of("src/app.py changed", "src/new.py added"), CacheKeys.explain(before, after));
    }

    @Test
    void explainsAChangedBuildArgOfARun() throws DockerfileException {
        CacheKey before = CacheKeys.of("p", steps(FILE, Map.of()).get(2), null);
        CacheKey after = CacheKeys.of("p", steps(FILE, Map.of("VERSION", "2")).get(2), null);
        assertEquals(List.of("build arg VERSION changed"), CacheKeys.explain(before, after));
    }

    @Test
    void explainsAnEarlierChangeAndAnInstructionChange() throws DockerfileException {
        BuildStep run = steps(FILE, Map.of()).get(2);
        assertEquals(List.of("an earlier step changed"),
                CacheKeys.explain(CacheKeys.of("p1", run, null), CacheKeys.of("p2", run, null)));
        BuildStep edited = steps(FILE.replace("echo $VERSION", "echo v$VERSION"), Map.of()).get(2);
        assertEquals(List.of("the instruction changed"),
                CacheKeys.explain(CacheKeys.of("p", run, null), CacheKeys.of("p", edited, null)));
    }

    @Test
    void proxyArgsStayOutOfTheKey() throws DockerfileException {
        CacheKey plain = CacheKeys.of("p", steps(FILE, Map.of()).get(2), null);
        CacheKey proxied = CacheKeys.of("p", steps(FILE, Map.of("HTTP_PROXY", "http://127.0.0.1:1")).get(2), null);
        assertEquals(plain.digest(), proxied.digest());
    }
}
