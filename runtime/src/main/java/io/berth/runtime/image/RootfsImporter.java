package io.berth.runtime.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code docker import}: a root filesystem tar (gzip or not) becomes a one-layer image. */
public final class RootfsImporter {
    private final ImageStore store;
    private final IncomingContent incoming;

    public RootfsImporter(ImageStore store) {
        this.store = store;
        this.incoming = new IncomingContent(store);
    }

    public ImageInfo importRootfs(Path rootfsTar, ImageReference reference, List<String> changes) throws IOException {
        try {
            return importAll(rootfsTar, reference, changes);
        } catch (IOException | RuntimeException e) {
            incoming.discard(); // nothing of a failed transfer is kept
            throw e;
        }
    }

    private ImageInfo importAll(Path rootfsTar, ImageReference reference, List<String> changes) throws IOException {
        ObjectNode runConfig = Json.MAPPER.createObjectNode();
        DockerfileChanges.apply(runConfig, changes); // bad --change lines fail before any work
        ImageConfigs.validateRunConfig(runConfig, "--change");
        IncomingContent.StoredLayer layer = incoming.intakeLayerFile(rootfsTar, "rootfs " + rootfsTar);
        Digest diffId = layer.diffId();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("architecture", Platform.architecture());
        config.put("os", Platform.OS);
        config.put("created", now);
        config.put("comment", "Imported from " + rootfsTar.getFileName());
        config.set("config", runConfig);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId.toString());
        ObjectNode history = config.putArray("history").addObject();
        history.put("created", now);
        history.put("created_by", "berth image import");
        history.put("comment", "Imported from " + rootfsTar.getFileName());
        byte[] configJson = Json.MAPPER.writeValueAsBytes(config);
        Digest imageId = incoming.putBlob(configJson);
        byte[] manifest = Manifest.ociJson(new Descriptor(MediaTypes.OCI_CONFIG, imageId, configJson.length),
                List.of(layer.blob()));
        Digest manifestDigest = incoming.putBlob(manifest);
        return store.add(new Descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifest.length), imageId,
                List.of(reference));
    }
}
