package dev.formation.core;

import java.util.List;

/** An uploaded sheet refused as a whole because of the problems of its rows; nothing was stored. */
public final class RowsRefusedException extends RuntimeException {

    private final transient List<RowError> errors;

    public RowsRefusedException(List<RowError> errors) {
        super(errors.isEmpty() ? "invalid" : "row " + errors.get(0).row() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<RowError> errors() {
        return errors;
    }
}
