package dev.formation.store;

import dev.formation.core.TenantScope;
import dev.formation.plugin.api.FileStorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files in a folder, one per id: the embedded default ({@code <data-dir>/uploads}), where a
 * single node owns its H2 database and its folder alike. Several nodes may share it only if
 * the folder itself is shared (a network file system). A tenant other than {@code default} keeps
 * its files in a folder of its own under it ({@code tenants/<tenant>}).
 */
public final class FolderFileStorage implements FileStorage {

    private final Path root;

    public FolderFileStorage(Path root) {
        this.root = root;
    }

    @Override
    public void put(String id, InputStream content, long size) throws IOException {
        Path folder = root();
        Files.createDirectories(folder);
        // written under a temporary name and moved into place, so a half-written file never has the id
        Path partial = Files.createTempFile(folder, id + "-", ".part");
        try {
            long written;
            try (OutputStream out = Files.newOutputStream(partial)) {
                written = content.transferTo(out);
            }
            if (written != size) {
                throw new IOException("upload " + id + " ended after " + written + " of " + size + " bytes");
            }
            Files.move(partial, path(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream open(String id) throws IOException {
        Path file = path(id);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return Files.newInputStream(file);
    }

    @Override
    public void delete(String id) throws IOException {
        Files.deleteIfExists(path(id));
    }

    @Override
    public String describe() {
        return "folder " + root;
    }

    /** The current tenant's folder. */
    Path root() {
        String tenant = TenantScope.current();
        // the key was checked when the tenant was resolved; checked again as it becomes a path
        return TenantScope.isDefault(tenant) || !TenantScope.KEY.matcher(tenant).matches() ? root
                : root.resolve("tenants").resolve(tenant);
    }

    private Path path(String id) {
        return root().resolve(FileIds.require(id));
    }
}
