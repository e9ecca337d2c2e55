package dev.formation.engine;

import dev.formation.config.FormationSettings;
import dev.formation.metadata.LayerDefinition;
import dev.formation.metadata.MetadataLoader;
import dev.formation.metadata.MetadataSet;

import java.nio.file.Path;
import java.util.List;

/**
 * The installation's folders of metadata (shipped, overlay), merged with a tenant layer on top.
 * The folders are read and checked once; each load merges and checks only the tenant's definitions.
 */
final class MetadataLayers {

    private final MetadataLoader loader = new MetadataLoader();
    private final Path shipped;
    private final Path overlay;
    /** Read on first use and kept: the folders change only with a restart (README). */
    private volatile MetadataLoader.Base base;

    MetadataLayers(FormationSettings settings) {
        this.shipped = settings.getShippedMetadataDir().isBlank() ? null : Path.of(settings.getShippedMetadataDir());
        this.overlay = settings.getMetadataDir().isBlank() ? null : Path.of(settings.getMetadataDir());
    }

    MetadataSet load(List<LayerDefinition> tenant) {
        return loader.loadOver(base(), tenant);
    }

    private MetadataLoader.Base base() {
        MetadataLoader.Base read = base;
        if (read == null) {
            synchronized (this) {
                read = base;
                if (read == null) {
                    read = loader.base(shipped, overlay);
                    base = read;
                }
            }
        }
        return read;
    }

    MetadataLoader loader() {
        return loader;
    }
}
