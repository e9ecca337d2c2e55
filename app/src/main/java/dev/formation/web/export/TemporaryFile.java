package dev.formation.web.export;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file's content that deletes the file once read and closed (the server closes a streamed body when sent or aborted). */
public final class TemporaryFile extends FilterInputStream {

    private final Path file;

    private TemporaryFile(Path file, InputStream in) {
        super(in);
        this.file = file;
    }

    public static InputStream open(Path file) throws IOException {
        try {
            return new TemporaryFile(file, Files.newInputStream(file));
        } catch (IOException e) {
            ListExport.delete(file);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            ListExport.delete(file);
        }
    }
}
