package dev.formation.metadata;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every merged, validated definition, by kind and key. Immutable once loaded. */
public final class MetadataSet {

    private final Map<String, Map<String, MetadataDocument>> byKind;

    MetadataSet(Map<String, Map<String, MetadataDocument>> byKind) {
        Map<String, Map<String, MetadataDocument>> copy = new TreeMap<>();
        byKind.forEach((kind, docs) -> copy.put(kind, new TreeMap<>(docs)));
        this.byKind = copy;
    }

    public Collection<MetadataDocument> all(String kind) {
        return byKind.getOrDefault(kind, Map.of()).values();
    }

    public Optional<MetadataDocument> find(String kind, String key) {
        return Optional.ofNullable(byKind.getOrDefault(kind, Map.of()).get(key));
    }

    /** A copy with {@code doc} in place of the definition of its kind and key (added if there is none). */
    public MetadataSet with(MetadataDocument doc) {
        Map<String, Map<String, MetadataDocument>> copy = new TreeMap<>(byKind);
        Map<String, MetadataDocument> ofKind = new TreeMap<>(byKind.getOrDefault(doc.kind(), Map.of()));
        ofKind.put(doc.key(), doc);
        copy.put(doc.kind(), ofKind);
        return new MetadataSet(copy);
    }

    /** A copy without that definition. */
    public MetadataSet without(String kind, String key) {
        Map<String, Map<String, MetadataDocument>> copy = new TreeMap<>(byKind);
        Map<String, MetadataDocument> ofKind = new TreeMap<>(byKind.getOrDefault(kind, Map.of()));
        ofKind.remove(key);
        copy.put(kind, ofKind);
        return new MetadataSet(copy);
    }

    public List<String> kinds() {
        return List.copyOf(byKind.keySet());
    }
}
