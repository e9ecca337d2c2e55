package dev.formation.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The meta-schemas shipped in {@code meta-schemas/}, one per kind of metadata, and the check
 * of a document against its kind's meta-schema. Schemas are served from memory: validation
 * never reaches the network.
 */
public final class MetaSchemas {

    static final String BASE = "https://formation.dev/meta-schemas/";
    /** Keywords that only combine other results; their messages say less than their children's. */
    private static final Set<String> COMPOSITE = Set.of("oneOf", "anyOf", "allOf", "if", "then", "else", "$ref");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Schema> byKind = new HashMap<>();

    public MetaSchemas(Set<String> kinds) {
        Map<String, String> texts = new HashMap<>();
        texts.put(BASE + "common.schema.json", resource("common"));
        for (String kind : kinds) {
            texts.put(BASE + kind + ".schema.json", resource(kind));
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(texts).schemaRegistryConfig(config));
        for (String kind : kinds) {
            byKind.put(kind, registry.getSchema(SchemaLocation.of(BASE + kind + ".schema.json")));
        }
    }

    public Set<String> kinds() {
        return byKind.keySet();
    }

    /** Throws {@link MetadataException} with the most specific violation, if any. */
    public void check(String kind, String source, Map<String, Object> content) {
        Schema schema = byKind.get(kind);
        if (schema == null) {
            throw new MetadataException(source, "/kind", "unknown kind '" + kind + "'");
        }
        JsonNode node = json.valueToTree(content);
        List<Error> errors = schema.validate(node);
        mostSpecific(errors).ifPresent(e -> {
            String path = e.getInstanceLocation().toString();
            throw new MetadataException(source, path + keyedEntry(content, path), describe(e));
        });
    }

    /**
     * After merging, list positions no longer match the overlay file, so name the entry by its
     * key too: {@code /fields/23/type} becomes {@code /fields/23/type (entry "wechat")}.
     */
    static String keyedEntry(Object content, String pointer) {
        String key = null;
        Object node = content;
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (node instanceof Map<?, ?> map) {
                node = map.get(segment);
            } else if (node instanceof List<?> list && segment.matches("\\d+") && Integer.parseInt(segment) < list.size()) {
                node = list.get(Integer.parseInt(segment));
                if (node instanceof Map<?, ?> entry && entry.get("key") != null) {
                    key = String.valueOf(entry.get("key"));
                }
            } else {
                break;
            }
        }
        return key == null ? "" : " (entry \"" + key + "\")";
    }

    private static Optional<Error> mostSpecific(List<Error> errors) {
        return errors.stream()
                .filter(e -> !COMPOSITE.contains(e.getKeyword()))
                .max(Comparator.comparingInt((Error e) -> e.getInstanceLocation().getNameCount()))
                .or(() -> errors.stream().findFirst());
    }

    private static String describe(Error error) {
        String message = error.getMessage();
        String location = error.getInstanceLocation().toString();
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        return message;
    }

    private static String resource(String kind) {
        String path = "meta-schemas/" + kind + ".schema.json";
        try (InputStream in = MetaSchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("meta-schema missing from the application: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
