package dev.formation.form.expression;

/**
 * An expression that cannot be compiled. The message is one English line that ends with the
 * position, e.g. {@code "unknown field 'amout' at 7"}, so it can be shown to a metadata author
 * next to the offending YAML key.
 */
public final class ExpressionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int position;

    ExpressionException(String reason, int position) {
        super(position >= 0 ? reason + " at " + position : reason);
        this.position = position;
    }

    /** The 0-based character offset into the source, or -1 when it is not known. */
    public int position() {
        return position;
    }
}
