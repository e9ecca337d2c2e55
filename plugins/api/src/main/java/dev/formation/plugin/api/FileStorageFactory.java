package dev.formation.plugin.api;

import java.util.Map;
import java.util.Optional;

/**
 * Discovered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.formation.plugin.api.FileStorageFactory}). The engine uses the
 * storage whose {@link #id()} the setting {@code formation.files.store} names, created from
 * the settings under {@code formation.files.<id>} (flattened, e.g. {@code bucket},
 * {@code endpoint}); its own storages are {@code database} and {@code folder}.
 */
public interface FileStorageFactory {

    /** The name {@code formation.files.store} selects this storage by, e.g. {@code "s3"}. */
    String id();

    /**
     * Creates the storage from its settings, or returns empty when they do not configure it
     * (the engine then refuses to start, naming the missing settings).
     *
     * @throws IllegalArgumentException when a setting is present but wrong, with a message naming it
     */
    Optional<FileStorage> create(Map<String, String> settings);
}
