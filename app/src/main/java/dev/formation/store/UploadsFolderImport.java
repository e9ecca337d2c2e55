package dev.formation.store;

import dev.formation.config.FormationSettings;
import dev.formation.plugin.api.FileStorage;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Before files lived in a storage every node shares, each node kept its uploads in
 * {@code <data-dir>/uploads}. When another storage is in use, a node copies the files its folder
 * still holds and the storage lacks into it at start-up, so no upload is lost by the change.
 * The folder is left as it is; once every node has started it can be removed.
 */
@Singleton
public class UploadsFolderImport {

    private static final Logger LOG = LoggerFactory.getLogger(UploadsFolderImport.class);

    private final FileStorage storage;
    private final Path folder;
    private final Tx tx;
    private final FileRepository files;

    UploadsFolderImport(FileStorage storage, FormationSettings settings, Tx tx, FileRepository files) {
        this.storage = storage;
        this.files = files;
        this.folder = settings.uploadsPath();
        this.tx = tx;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        if (storage instanceof FolderFileStorage f && f.root().toAbsolutePath().equals(folder.toAbsolutePath())
                || !Files.isDirectory(folder)) {
            return;
        }
        int copied = 0;
        try (Stream<Path> listing = Files.list(folder)) {
            for (Path file : listing.filter(Files::isRegularFile).toList()) {
                String id = file.getFileName().toString();
                if (FileIds.isValid(id) && isKnown(id) && !isStored(id)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        storage.put(id, in, Files.size(file));
                    }
                    copied++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not copy the uploads in {} into {}: {}", folder, storage.describe(), e.getMessage());
        }
        if (copied > 0) {
            LOG.info("Copied {} uploads from {} into {}; the folder is no longer read", copied, folder,
                    storage.describe());
        }
    }

    private boolean isKnown(String id) {
        return tx.read(c -> files.existsById(id));
    }

    private boolean isStored(String id) throws IOException {
        try (InputStream ignored = storage.open(id)) {
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
