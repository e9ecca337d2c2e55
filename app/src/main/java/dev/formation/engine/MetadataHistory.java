package dev.formation.engine;

import dev.formation.core.Actor;
import dev.formation.metadata.LayerDefinition;
import dev.formation.metadata.LayerDiff;
import dev.formation.store.TenantLayer;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's published versions with what each one changed: every version is compared with
 * the one before it (version 1 with the empty layer), definition by definition. The versions
 * themselves, and who may read them, are {@link LiveMetadata}'s.
 */
@Singleton
public class MetadataHistory {

    private final LiveMetadata live;
    private final TenantLayer tenant;

    public MetadataHistory(LiveMetadata live, TenantLayer tenant) {
        this.live = live;
        this.tenant = tenant;
    }

    /** Newest first, each with {@code changes: [{kind, key, change}]} and a one-line {@code summary}. */
    public List<Map<String, Object>> versions(Actor actor) {
        List<Map<String, Object>> versions = live.versions(actor);
        Map<Integer, List<LayerDefinition>> layers = new HashMap<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> version : versions) {
            int number = (Integer) version.get("version");
            List<LayerDiff.Change> changes = LayerDiff.between(layer(layers, number - 1), layer(layers, number));
            layers.remove(number); // newest first: only the one before is needed again
            Map<String, Object> row = new LinkedHashMap<>(version);
            row.put("summary", LayerDiff.summary(changes));
            row.put("changes", changes.stream().map(c -> change(c, false)).toList());
            out.add(row);
        }
        return out;
    }

    /** One version as {@link LiveMetadata#version} answers it, with {@code previous} and its {@code changes} and their diffs. */
    public Map<String, Object> version(Actor actor, int number) {
        Map<String, Object> out = new LinkedHashMap<>(live.version(actor, number));
        List<LayerDiff.Change> changes = LayerDiff.between(number > 1 ? tenant.layerOf(number - 1) : List.of(),
                tenant.layerOf(number));
        out.put("previous", number > 1 ? number - 1 : null);
        out.put("summary", LayerDiff.summary(changes));
        out.put("changes", changes.stream().map(c -> change(c, true)).toList());
        return out;
    }

    private List<LayerDefinition> layer(Map<Integer, List<LayerDefinition>> layers, int number) {
        return number < 1 ? List.of() : layers.computeIfAbsent(number, tenant::layerOf);
    }

    static Map<String, Object> change(LayerDiff.Change c, boolean withDiff) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", c.kind());
        row.put("key", c.key());
        row.put("change", c.change());
        if (withDiff) {
            row.put("diff", c.diff());
        }
        return row;
    }
}
