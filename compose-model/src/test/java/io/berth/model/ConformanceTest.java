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

    /**
     * Berth's own cases (ports, volumes, merge, reset, extends, include, profiles, anchors, edge cases), each
     * with the JSON Docker Compose 2.26.1 printed for it; files found by discovery, so override files count.
     */
    @TestFactory
    Stream<DynamicTest> everyOwnCaseMatchesDockerCompose() throws Exception {
        Path cases = Path.of(ConformanceTest.class.getResource("/conformance/compose-2.26.1").toURI());
        try (Stream<Path> samples = Files.list(cases)) {
            return samples.filter(Files::isDirectory).sorted().map(sample -> DynamicTest.dynamicTest(
                    sample.getFileName().toString(), () -> assertSame(cases, sample, "compose.yaml", List.of()))).toList().stream();
        }
    }

    /**
     * Tricky inputs ({@code conformance/tricky-2.26.1/}: merge tags, merging, interpolation, .env, project
     * names, anchors, syntaxes): each case may hold {@code args} (-f, --env-file, --profile, -p) and
     * {@code env} (variables, KEY=VALUE separated by blanks), and either {@code v2.json} (what Compose
     * printed: Berth prints the same) or {@code v2.err} (Compose refused it: Berth refuses too, with the
     * problems in {@code berth.err}).
     */
    @TestFactory
    Stream<DynamicTest> everyTrickyCaseAgreesWithDockerCompose() throws Exception {
        Path cases = Path.of(ConformanceTest.class.getResource("/conformance/tricky-2.26.1").toURI());
        try (Stream<Path> samples = Files.list(cases)) {
            return samples.filter(Files::isDirectory).sorted().map(sample -> DynamicTest.dynamicTest(
                    sample.getFileName().toString(), () -> assertAgrees(cases, sample))).toList().stream();
        }
    }

    private static void assertAgrees(Path cases, Path sample) throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", "/nonexistent",
                "LC_ALL", "C.UTF-8"));
        if (Files.isRegularFile(sample.resolve("env"))) {
            for (String word : Files.readString(sample.resolve("env")).trim().split("\\s+")) {
                environment.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
            }
        }
        LoadOptions options = LoadOptions.of(sample, environment);
        List<String> files = new java.util.ArrayList<>();
        List<String> envFiles = new java.util.ArrayList<>();
        List<String> profiles = new java.util.ArrayList<>();
        if (Files.isRegularFile(sample.resolve("args"))) {
            String[] words = Files.readString(sample.resolve("args")).trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i += 2) {
                switch (words[i]) {
                    case "-f" -> files.add(words[i + 1]);
                    case "--env-file" -> envFiles.add(words[i + 1]);
                    case "--profile" -> profiles.add(words[i + 1]);
                    case "-p" -> options = options.withProjectName(words[i + 1]);
                    default -> throw new IllegalArgumentException(sample + "/args: " + words[i]);
                }
            }
        }
        options = options.withConfigFiles(files).withEnvFiles(envFiles).withProfiles(profiles);
        String corpus = cases.toString();
        if (Files.isRegularFile(sample.resolve("v2.err"))) {
            List<String> expected = Files.readAllLines(sample.resolve("berth.err")).stream()
                    .map(line -> line.replace("${CORPUS}", corpus)).toList();
            try {
                ProjectLoader.loadModel(options);
            } catch (ComposeProblemsException e) {
                assertEquals(expected, List.of(e.getMessage().split("\n")), sample.getFileName() + ": Berth's problems");
                return;
            }
            throw new AssertionError(sample.getFileName() + ": Docker Compose refuses it ("
                    + Files.readString(sample.resolve("v2.err")).trim() + "), Berth accepted it");
        }
        JsonNode expected = JSON.readTree(Files.readString(sample.resolve("v2.json")).replace("${CORPUS}", corpus));
        JsonNode actual = JSON.readTree(ConfigWriter.render(ProjectLoader.loadModel(options).canonical(), true, true));
        assertEquals(sorted(expected).toPrettyString(), sorted(actual).toPrettyString(), sample.getFileName().toString());
    }

    @TestFactory
    Stream<DynamicTest> everySampleMatchesDockerCompose() throws Exception {
        Path corpus = corpus();
        try (Stream<Path> samples = Files.list(corpus)) {
            return samples.sorted().flatMap(sample -> Stream.of("compose.yaml", "compose.yml")
                    .filter(name -> Files.isRegularFile(sample.resolve(name)))
                    .map(name -> DynamicTest.dynamicTest(sample.getFileName() + "/" + name,
                            () -> assertSame(corpus, sample, name, List.of(name))))).toList().stream();
        }
    }

    private static void assertSame(Path corpus, Path sample, String fileName, List<String> files) throws Exception {
        String expectedText = Files.readString(sample.resolve(fileName + ".v2.json")).replace("${CORPUS}", corpus.toString());
        Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin", "HOME", "/nonexistent", "LC_ALL", "C.UTF-8");
        LoadOptions options = LoadOptions.of(sample, environment).withConfigFiles(files);
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
