package dev.formation.form;

import dev.formation.config.FormationSettings;
import dev.formation.metadata.MetadataLoader;
import dev.formation.metadata.MetadataSet;
import dev.formation.plugin.PluginRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;

import java.nio.file.Path;

/**
 * Loads and compiles metadata when the application starts. {@link Context} makes a bad file
 * stop start-up at once instead of at the first request.
 */
@Factory
public class FormEngineFactory {

    @Context
    MetadataSet metadataSet(FormationSettings settings) {
        Path shipped = settings.getShippedMetadataDir().isBlank() ? null : Path.of(settings.getShippedMetadataDir());
        Path overlay = settings.getMetadataDir().isBlank() ? null : Path.of(settings.getMetadataDir());
        return new MetadataLoader().load(shipped, overlay);
    }

    @Context
    FormCatalog formCatalog(MetadataSet metadata, PluginRegistry plugins) {
        return new FormCompiler(metadata, plugins.formatNames()).compile();
    }
}
