package dev.formation.plugin.api;

import java.util.Optional;

/**
 * A named value format that a text field may declare ({@code format: uscc}).
 * The engine checks it on the server for every write path; the name is also
 * written into the form's JSON Schema as {@code "format"} so clients can check too.
 */
public interface FieldFormat {

    /** The name metadata uses, e.g. {@code "uscc"}. */
    String name();

    /**
     * Checks a non-empty value.
     *
     * @return empty when the value is valid, otherwise the reason, in the user's languages
     */
    Optional<Message> check(String value);

    /**
     * What a JSON Schema can say of valid values, for clients that check offline: an
     * ECMAScript-compatible regular expression that every valid value matches (a check
     * character, say, is left to {@link #check}). The engine publishes it as the field's
     * {@code pattern} and enforces it like any other.
     *
     * @return empty when the format has no such pattern
     */
    default Optional<String> pattern() {
        return Optional.empty();
    }
}
