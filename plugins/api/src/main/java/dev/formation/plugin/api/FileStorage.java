package dev.formation.plugin.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * Keeps the contents of uploaded files where every app node reaches them (the database, a
 * shared folder, an S3-compatible bucket...). The engine keeps everything else about a file
 * (its name, type, size, checksum, who uploaded it, which records hold it and so who may read
 * it) and checks the content's type before and after storing; a storage only keeps bytes under
 * an id. Ids are 32 lower-case hexadecimal characters, safe as object keys and file names, and
 * a file's contents never change once stored.
 */
public interface FileStorage {

    /**
     * Stores exactly {@code size} bytes read from {@code content} under {@code id}, streaming
     * them (uploads may be tens of megabytes; do not hold them in memory twice). Either the whole
     * file is stored or, when this throws, nothing is readable under the id.
     *
     * @throws IOException when the content ends early or the storage refuses it
     */
    void put(String id, InputStream content, long size) throws IOException;

    /**
     * Opens a stored file for reading from its first byte; the caller closes the stream. The
     * engine may read it on another thread than the one that opened it.
     *
     * @throws java.nio.file.NoSuchFileException when nothing is stored under the id
     */
    InputStream open(String id) throws IOException;

    /** Removes a file; nothing happens when there is none under the id. */
    void delete(String id) throws IOException;

    /** Where the files are, for the start-up log, e.g. {@code "bucket crm-files at s3.example.com"}; no secrets. */
    String describe();
}
