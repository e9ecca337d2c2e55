package dev.formation.metadata;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything compiled from one {@link MetadataSet}, with the version it was compiled from.
 * Immutable: a change of metadata builds a new snapshot and swaps it in the
 * {@link MetadataHolder}, so whoever took this one keeps a consistent view.
 *
 * <p>The compiled parts (forms, roles, flows, reports...) are kept by their class rather than
 * by typed getters because they live in packages above this one, which compile them from the
 * set; a typed getter here would make {@code metadata} depend on every one of them.
 */
public final class MetadataSnapshot {

    private final long version;
    private final MetadataSet set;
    private final Map<Class<?>, Object> parts = new LinkedHashMap<>();

    public MetadataSnapshot(long version, MetadataSet set, Collection<?> parts) {
        this.version = version;
        this.set = set;
        for (Object part : parts) {
            if (this.parts.putIfAbsent(part.getClass(), part) != null) {
                throw new IllegalArgumentException("two parts of type " + part.getClass().getName());
            }
        }
    }

    /** The fingerprint of the metadata's content: equal content, equal version. */
    public long version() {
        return version;
    }

    /** The merged definitions the parts were compiled from. */
    public MetadataSet set() {
        return set;
    }

    /** The compiled part of this type (a form catalog, the roles...). */
    public <T> T get(Class<T> type) {
        Object part = parts.get(type);
        if (part == null) {
            throw new IllegalStateException("the metadata snapshot has no " + type.getName());
        }
        return type.cast(part);
    }
}
