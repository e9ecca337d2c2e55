package dev.formation.metadata;

/**
 * A metadata file that cannot be used. The message is one readable line:
 * {@code <file>: <path inside it>: <reason>}, so it can be shown as is at start-up.
 */
public final class MetadataException extends RuntimeException {

    private final String source;
    private final String path;
    private final String reason;

    public MetadataException(String source, String path, String reason) {
        super(source + ": " + (path == null || path.isEmpty() ? "/" : path) + ": " + reason);
        this.source = source;
        this.path = path == null || path.isEmpty() ? "/" : path;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    /** The JSON pointer inside the definition. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
