package dev.formation.form.expression;

import java.util.Map;
import java.util.Optional;

/**
 * The names an expression may use, known when it is compiled. Paths are dotted:
 * {@code "amount"}, {@code "contacts"} (a LIST), {@code "contacts.mobile"} (a LIST, since reading a
 * member of a list maps over its elements), {@code "$user.username"}.
 *
 * <p>The checker asks for the full path first, then for ever shorter prefixes; a member of an
 * OBJECT, ANY or LIST prefix that the scope does not know is accepted with an unknown type,
 * because such values may be open-ended.
 */
@FunctionalInterface
public interface ExpressionScope {

    Optional<ValueType> typeOf(String path);

    /** A scope backed by a fixed map of paths to types. */
    static ExpressionScope of(Map<String, ValueType> types) {
        Map<String, ValueType> copy = Map.copyOf(types);
        return path -> Optional.ofNullable(copy.get(path));
    }
}
