package dev.formation.metadata;

/**
 * A metadata file that cannot be used. The message is one readable line:
 * {@code <file>: <path inside it>: <reason>}, so it can be shown as is at start-up.
 */
public final class MetadataException extends RuntimeException {

    public MetadataException(String source, String path, String reason) {
        super(source + ": " + (path == null || path.isEmpty() ? "/" : path) + ": " + reason);
    }
}
