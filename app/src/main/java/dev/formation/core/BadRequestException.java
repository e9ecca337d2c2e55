package dev.formation.core;

import java.util.Set;

/**
 * A request we cannot read (not a record rule): 400 with a text from the platform's messages.
 * Texts about one parameter or body key take its name as the first argument; the answer then
 * names it as a field error too, so a client can point at the input that was wrong.
 */
public final class BadRequestException extends RuntimeException {

    /** Texts whose first argument is the name of the parameter or key at fault. */
    private static final Set<String> ABOUT_ONE_INPUT = Set.of("problem.badParam", "problem.notText",
            "problem.missingParam", "problem.badFilter", "problem.numberRange");

    private final String textKey;
    private final transient Object[] args;

    public BadRequestException(String textKey, Object... args) {
        super(textKey);
        this.textKey = textKey;
        this.args = args;
    }

    public String textKey() {
        return textKey;
    }

    public Object[] args() {
        return args;
    }

    /** An argument that is itself a text of the platform's messages, e.g. what a parameter expects; the answer looks it up. */
    public record Text(String key, Object... args) {
    }

    /** The parameter or body key at fault, or null when the text is about the request as a whole. */
    public String field() {
        return ABOUT_ONE_INPUT.contains(textKey) && args.length > 0 && args[0] != null ? args[0].toString() : null;
    }
}
