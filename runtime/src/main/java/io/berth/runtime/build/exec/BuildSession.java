package io.berth.runtime.build.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildListener;
import io.berth.runtime.build.BuildRequest;
import io.berth.runtime.build.cache.BuildCacheStore;
import io.berth.runtime.build.context.FileDigestCache;
import io.berth.runtime.build.context.IgnorePatterns;
import io.berth.runtime.build.plan.ImageSettings;
import io.berth.runtime.build.plan.ImageSettingsJson;
import io.berth.runtime.image.BuilderStore;
import io.berth.runtime.image.Puller;
import io.berth.runtime.image.registry.RegistryClient;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one build shares between its stages: the request, the stores, the listener, the images
 * it resolved (each pulled at most once), counters for the result.
 */
final class BuildSession {
    final BuildRequest request;
    final BuilderStore store;
    final BuildCacheStore cache;
    final BuildListener listener;
    final RunContainer runner;
    final IgnorePatterns ignore;
    final String dockerfileName;
    /** Remembered digests of context files (a no-op rebuild reads none of them again). */
    final FileDigestCache contextDigests;
    final AtomicInteger stepsRun = new AtomicInteger();
    final AtomicInteger stepsCached = new AtomicInteger();
    private final Map<String, StageResult> images = new ConcurrentHashMap<>();
    /** The caller's registry settings: a base image is pulled as berth pull would pull it. */
    private final RegistrySettings registries;

    BuildSession(BuildRequest request, BuilderStore store, BuildCacheStore cache, BuildListener listener,
                 RunContainer runner, IgnorePatterns ignore, String dockerfileName, RegistrySettings registries) {
        this.registries = registries;
        this.request = request;
        this.store = store;
        this.cache = cache;
        this.listener = listener;
        this.runner = runner;
        this.ignore = ignore;
        this.dockerfileName = dockerfileName;
        this.contextDigests = FileDigestCache.load(cache.fileDigestsFile());
    }

    /** "now" for a history entry: SOURCE_DATE_EPOCH when given. */
    String now() {
        return format(request.sourceDateEpoch().orElseGet(Instant::now));
    }

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    Optional<Instant> fixedTime() {
        return request.sourceDateEpoch();
    }

    /**
     * An image as a stage base or a COPY --from source: from the store, or pulled when missing
     * (or always once per build with --pull). Its identity for cache keys is its id.
     */
    StageResult image(String referenceText) {
        return images.computeIfAbsent(referenceText, text -> {
            try {
                listener.resolvingImage(text);
                ImageReference reference = ImageReference.parse(text);
                Optional<ImageInfo> present = request.pull() ? Optional.empty() : store.resolve(reference);
                ImageInfo info = present.isPresent() ? present.get() : pull(reference);
                return fromImage(store.image(info.id()), info.id().toString());
            } catch (IOException | RuntimeException e) {
                throw new BuildException("FROM " + text + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            }
        });
    }

    private ImageInfo pull(ImageReference reference) throws IOException {
        RegistryClient client = registries.client(reference.registry());
        return new Puller(store.imageStore(), registry -> client).pull(reference, progress -> { });
    }

    private StageResult fromImage(BuilderStore.StoredImage image, String key) throws IOException {
        JsonNode config = ImageConfigWriter.MAPPER.readTree(image.configJson());
        ImageSettings settings = ImageSettingsJson.fromConfig(config.path("config"));
        String created = config.path("created").asText(format(Instant.EPOCH));
        return new StageResult(image.layers(), (ObjectNode) config, settings, ImageConfigWriter.historyOf(config),
                key, created);
    }

    static StageResult scratch() {
        return new StageResult(List.of(), ImageConfigWriter.MAPPER.createObjectNode(), ImageSettings.empty(), List.of(),
                "scratch", format(Instant.EPOCH));
    }
}
