package io.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cli.JsonOutput;
import io.berth.cli.compose.GoTemplate;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageService;
import io.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth image inspect IMAGE...}: a JSON array shaped like docker image inspect's. */
@Command(name = "inspect", description = "Display detailed information on one or more images (JSON).")
public final class ImageInspectCommand extends ImageCommandSupport {
    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Names, ids or id prefixes.")
    List<String> imagesToInspect;

    @picocli.CommandLine.Option(names = {"-f", "--format"}, paramLabel = "TEMPLATE",
            description = "Format the output using a Go template ({{.Id}}, {{json .Config}}, {{index .RepoTags 0}}) or json.")
    String format;

    @Override
    int run(ImageService images) {
        ArrayNode array = JsonOutput.MAPPER.createArrayNode();
        int status = 0;
        for (String text : imagesToInspect) {
            var found = images.find(text);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("Error: No such image: " + text);
                status = 1;
                continue;
            }
            ObjectNode described = describe(found.get(), images.configJson(found.get().id()));
            ArrayNode digests = described.putArray("RepoDigests");
            images.repoDigests(found.get().id()).forEach(digests::add);
            array.add(described);
        }
        if (format == null || format.equals("json")) {
            out().println(array.toPrettyString());
            return status;
        }
        GoTemplate template = GoTemplate.parse(format);
        for (JsonNode image : array) {
            out().println(template.render(JsonOutput.MAPPER.convertValue(image,
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() { })));
        }
        return status;
    }

    static ObjectNode describe(ImageInfo image, byte[] configJson) {
        JsonNode config;
        try {
            config = JsonOutput.MAPPER.readTree(configJson);
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "read the config of image " + image.id() + ": " + e.getMessage(), e);
        }
        ObjectNode node = JsonOutput.MAPPER.createObjectNode();
        node.put("Id", image.id().toString());
        ArrayNode tags = node.putArray("RepoTags");
        ArrayNode digests = node.putArray("RepoDigests");
        image.references().forEach(reference -> {
            if (reference.tag() != null) {
                tags.add(reference.familiar());
            } else {
                digests.add(reference.familiar());
            }
        });
        node.put("Created", config.path("created").asText(image.createdAt().toString()));
        node.put("Comment", config.path("comment").asText(""));
        node.set("Config", config.path("config").isObject() ? config.get("config") : JsonOutput.MAPPER.createObjectNode());
        node.put("Architecture", config.path("architecture").asText(""));
        node.put("Os", config.path("os").asText(""));
        node.put("Size", image.sizeBytes());
        ObjectNode rootfs = node.putObject("RootFS");
        rootfs.put("Type", "layers");
        rootfs.set("Layers", config.path("rootfs").path("diff_ids"));
        return node;
    }
}
