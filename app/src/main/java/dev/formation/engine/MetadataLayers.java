package dev.formation.engine;

import dev.formation.config.FormationSettings;
import dev.formation.metadata.LayerDefinition;
import dev.formation.metadata.MetadataLoader;
import dev.formation.metadata.MetadataSet;

import java.nio.file.Path;
import java.util.List;

/** The installation's folders of metadata (shipped, overlay), merged with a tenant layer on top. */
final class MetadataLayers {

    private final MetadataLoader loader = new MetadataLoader();
    private final Path shipped;
    private final Path overlay;

    MetadataLayers(FormationSettings settings) {
        this.shipped = settings.getShippedMetadataDir().isBlank() ? null : Path.of(settings.getShippedMetadataDir());
        this.overlay = settings.getMetadataDir().isBlank() ? null : Path.of(settings.getMetadataDir());
    }

    MetadataSet load(List<LayerDefinition> tenant) {
        return loader.load(shipped, overlay, tenant);
    }

    MetadataLoader loader() {
        return loader;
    }
}
