package dev.formation.form.expression;

/**
 * The static type of a value in an expression. {@code ANY} means the type is not known until
 * run time (a {@code null} literal, an open object's member, a mixed-type function result);
 * the checker never reports a type error against it.
 */
public enum ValueType {
    NUMBER, STRING, BOOLEAN, DATE, DATETIME, LIST, OBJECT, ANY;

    boolean isKnown() {
        return this != ANY;
    }

    /** Types that {@code <}, {@code min} and {@code max} can order. */
    boolean isOrdered() {
        return this == NUMBER || this == STRING || this == DATE || this == DATETIME;
    }

    /** Types that read naturally when concatenated to a string. */
    boolean isScalar() {
        return isOrdered() || this == BOOLEAN;
    }
}
