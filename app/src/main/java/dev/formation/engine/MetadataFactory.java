package dev.formation.engine;

import dev.formation.config.FormationSettings;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataLoader;
import dev.formation.metadata.MetadataSet;
import dev.formation.plugin.PluginRegistry;
import dev.formation.plugin.api.FieldFormat;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * Loads and compiles the metadata when the application starts. {@link Context} makes a bad
 * file stop start-up at once instead of at the first request.
 */
@Factory
public class MetadataFactory {

    @Context
    @Singleton
    MetadataHolder metadataHolder(FormationSettings settings, PluginRegistry plugins) {
        Path shipped = settings.getShippedMetadataDir().isBlank() ? null : Path.of(settings.getShippedMetadataDir());
        Path overlay = settings.getMetadataDir().isBlank() ? null : Path.of(settings.getMetadataDir());
        MetadataSet set = new MetadataLoader().load(shipped, overlay);
        return new MetadataHolder(SnapshotCompiler.compile(set, plugins.formatNames(),
                name -> plugins.format(name).flatMap(FieldFormat::pattern)));
    }
}
