package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The acceptance test: for every sample of the awesome-compose corpus, {@code config --format json}
 * gives the same JSON tree as Docker Compose 2.26.1 (key order aside), run with only PATH,
 * HOME=/nonexistent and LC_ALL=C.UTF-8 in the environment.
 */
class ConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path corpus() throws URISyntaxException {
        return Path.of(ConformanceTest.class.getResource("/conformance/awesome-compose").toURI());
    }

    @TestFactory
    Stream<DynamicTest> everySampleMatchesDockerCompose() throws Exception {
        Path corpus = corpus();
        try (Stream<Path> samples = Files.list(corpus)) {
            return samples.sorted().flatMap(sample -> Stream.of("compose.yaml", "compose.yml")
                    .filter(name -> Files.isRegularFile(sample.resolve(name)))
                    .map(name -> DynamicTest.dynamicTest(sample.getFileName() + "/" + name,
                            () -> assertSame(corpus, sample, name)))).toList().stream();
        }
    }

    private static void assertSame(Path corpus, Path sample, String fileName) throws Exception {
        String expectedText = Files.readString(sample.resolve(fileName + ".v2.json")).replace("${CORPUS}", corpus.toString());
        Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin", "HOME", "/nonexistent", "LC_ALL", "C.UTF-8");
        LoadOptions options = LoadOptions.of(sample, environment).withConfigFiles(List.of(fileName));
        LoadedModel model = ProjectLoader.loadModel(options);
        JsonNode expected = JSON.readTree(expectedText);
        JsonNode actual = JSON.readTree(ConfigWriter.render(model.canonical(), true, true));
        assertEquals(sorted(expected).toPrettyString(), sorted(actual).toPrettyString(), sample.getFileName() + "/" + fileName);
    }

    /** Same tree with object keys in name order, so that a failure shows a readable diff. */
    static JsonNode sorted(JsonNode node) throws Exception {
        Object value = JSON.treeToValue(node, Object.class);
        return JSON.copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .valueToTree(value);
    }
}
