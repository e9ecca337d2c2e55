package dev.formation.store;

import dev.formation.config.FormationSettings;
import dev.formation.plugin.PluginSettings;
import dev.formation.plugin.api.FileStorage;
import dev.formation.plugin.api.FileStorageFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Chooses where uploaded files' contents live, by {@code formation.files.store}: {@code database}
 * (every node shares it; the default on MySQL/MariaDB), {@code folder} ({@code <data-dir>/uploads};
 * the default on the embedded H2, which only one node opens anyway), or the id of a
 * {@link FileStorageFactory} plugin (e.g. an S3-compatible bucket), configured under
 * {@code formation.files.<id>}.
 */
@Factory
public class FileStorages {

    private static final Logger LOG = LoggerFactory.getLogger(FileStorages.class);
    static final String SETTING = "formation.files.store";
    static final String DATABASE = "database";
    static final String FOLDER = "folder";

    @Singleton
    FileStorage fileStorage(Environment environment, FormationSettings settings, DirectConnections connections) {
        String chosen = environment.getProperty(SETTING, String.class).map(String::strip).filter(s -> !s.isEmpty())
                .orElse("auto").toLowerCase(Locale.ROOT);
        if (chosen.equals("auto")) {
            chosen = isEmbedded(connections) ? FOLDER : DATABASE;
        }
        FileStorage storage = switch (chosen) {
            case DATABASE -> new DatabaseFileStorage(connections);
            case FOLDER -> new FolderFileStorage(settings.uploadsPath());
            default -> plugin(environment, chosen);
        };
        LOG.info("Uploaded files are kept in: {}", storage.describe());
        return storage;
    }

    private static FileStorage plugin(Environment environment, String id) {
        List<String> known = new ArrayList<>(List.of(DATABASE, FOLDER));
        for (FileStorageFactory factory : ServiceLoader.load(FileStorageFactory.class)) {
            if (factory.id().equals(id)) {
                String prefix = "formation.files." + id;
                Map<String, String> settings = PluginSettings.under(environment, prefix);
                return factory.create(settings).orElseThrow(() -> new IllegalStateException(SETTING + " is '" + id
                        + "', but the settings under " + prefix + " do not configure it"));
            }
            known.add(factory.id());
        }
        throw new IllegalStateException(SETTING + " is '" + id + "', which names no file storage; there are: "
                + String.join(", ", known));
    }

    private static boolean isEmbedded(DirectConnections connections) {
        try (Connection c = connections.open()) {
            return Database.of(c) == Database.H2;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }
}
