package dev.formation.core;

import java.util.List;

/**
 * The request does not fit the current state of a record or a flow (already handled, under
 * approval, not in a status that allows it): 409, with a message in the user's language from
 * {@code textKey} and its arguments.
 */
public final class StateConflictException extends RuntimeException {

    private final String textKey;
    private final List<Object> args;

    public StateConflictException(String textKey, Object... args) {
        super(textKey);
        this.textKey = textKey;
        this.args = List.of(args);
    }

    public String textKey() {
        return textKey;
    }

    public Object[] args() {
        return args.toArray();
    }
}
