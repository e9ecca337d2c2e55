package dev.formation.core;

/** The record changed since the client read it (optimistic locking): 409. */
public final class ConflictException extends RuntimeException {

    private final long currentVersion;

    public ConflictException(long currentVersion) {
        super("stale version; current is " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
