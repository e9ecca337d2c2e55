package dev.formation.engine;

import dev.formation.config.FormationSettings;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataSet;
import dev.formation.plugin.PluginRegistry;
import dev.formation.store.TenantLayer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Loads and compiles the metadata when the application starts: shipped, overlay folder, then
 * the tenant's published layer (the tenant {@code default} now, any other when it is first needed). {@link Context} makes a bad file stop start-up at once instead
 * of at the first request.
 */
@Factory
public class MetadataFactory {

    @Context
    @Singleton
    MetadataHolder metadataHolder(FormationSettings settings, PluginRegistry plugins, TenantLayer tenant) {
        MetadataLayers layers = new MetadataLayers(settings);
        MetadataSet set = layers.load(tenant.published());
        // another tenant's snapshot: compiled in its scope, so its layer is read from its schema
        return new MetadataHolder(SnapshotCompiler.compile(set, plugins),
                key -> SnapshotCompiler.compile(layers.load(tenant.published()), plugins));
    }
}
