package dev.formation.core;

import java.util.List;

/** The user may see the record or form but not do this to it: 403, with the fields at fault if any. */
public final class ForbiddenException extends RuntimeException {

    private final transient List<FieldError> errors;

    public ForbiddenException(String what, List<FieldError> errors) {
        super(what);
        this.errors = List.copyOf(errors);
    }

    public ForbiddenException(String what) {
        this(what, List.of());
    }

    public List<FieldError> errors() {
        return errors;
    }
}
