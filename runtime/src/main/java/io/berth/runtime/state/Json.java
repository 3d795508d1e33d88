package io.berth.runtime.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.berth.runtime.NetworkMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The one JSON mapper of the runtime: state files (containers, images, networks, volumes), the
 * supervisor protocol and the OCI documents of the image store. Records as objects, Instant and
 * Duration as ISO-8601 strings, Path as a plain string, NetworkMode with a "mode" discriminator;
 * unknown fields are ignored, so a newer Berth's file reads in an older one and back.
 */
public final class Json {
    public static final ObjectMapper MAPPER = create();
    /**
     * The writer of the state files people read (networks, volumes): indented, map keys sorted,
     * so that the same record gives the same bytes.
     */
    public static final ObjectWriter READABLE_FILE = MAPPER.writer()
            .with(SerializationFeature.INDENT_OUTPUT)
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "mode")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = NetworkMode.Bridge.class, name = "bridge"),
        @JsonSubTypes.Type(value = NetworkMode.None.class, name = "none"),
        @JsonSubTypes.Type(value = NetworkMode.Host.class, name = "host"),
        @JsonSubTypes.Type(value = NetworkMode.Container.class, name = "container")})
    private interface NetworkModeMixin {
    }

    private static ObjectMapper create() {
        SimpleModule module = new SimpleModule("berth");
        addAsString(module, Instant.class, Instant::parse);
        addAsString(module, Duration.class, Duration::parse);
        addAsString(module, Path.class, Path::of);
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(module);
        mapper.addMixIn(NetworkMode.class, NetworkModeMixin.class);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    private static <T> void addAsString(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider)
                    throws IOException {
                generator.writeString(value.toString());
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return parse.apply(parser.getValueAsString());
            }
        });
    }
}
