package dev.formation.record;

/** No such form or record, or one the user may not see: 404 either way, so ids reveal nothing. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what);
    }
}
