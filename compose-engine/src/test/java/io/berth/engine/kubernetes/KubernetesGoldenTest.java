package io.berth.engine.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.model.LoadOptions;
import io.berth.model.Project;
import io.berth.model.ProjectLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real projects of the awesome-compose collection as manifests: the output and the warnings are
 * golden files beside each compose.yaml ({@code -Dberth.golden.update=true} rewrites them; read the
 * diff), and every object reads back strictly into the Kubernetes API's model.
 */
class KubernetesGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("berth.golden.update");

    @ParameterizedTest
    @ValueSource(strings = {"gitea-postgres", "nginx-flask-mysql", "elasticsearch-logstash-kibana", "minecraft",
            "wordpress-mysql", "prometheus-grafana", "pihole-cloudflared-DoH", "wireguard"})
    void convertsTheSampleAsTheGoldenFilesSay(String sample) throws Exception {
        Path directory = Path.of(KubernetesGoldenTest.class.getResource("/kubernetes/" + sample + "/compose.yaml").toURI())
                .getParent();
        // the samples' own environment, as the conformance corpus was made: no variables from this machine
        Project project = ProjectLoader.load(LoadOptions.of(directory, Map.of()).withProjectName(sample.toLowerCase()));
        Conversion conversion = KubernetesConverter.convert(project, KubernetesOptions.defaults());
        String manifests = ManifestWriter.documents(conversion);
        String warnings = String.join("\n", conversion.warnings()) + "\n";
        Path source = Path.of("src/test/resources/kubernetes", sample);
        if (UPDATE) {
            Files.writeString(source.resolve("manifests.yaml"), manifests, StandardCharsets.UTF_8);
            Files.writeString(source.resolve("warnings.txt"), warnings, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(source.resolve("manifests.yaml")), manifests);
        assertEquals(Files.readString(source.resolve("warnings.txt")), warnings);
        for (KubernetesObject object : conversion.objects()) {
            assertEquals(List.of(), StrictKubernetesReader.unknownFields(object.body()), object.kind() + " " + object.name());
        }
    }
}
