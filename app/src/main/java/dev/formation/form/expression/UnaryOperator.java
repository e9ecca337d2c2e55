package dev.formation.form.expression;

/** Prefix operators. */
enum UnaryOperator {
    NOT("!", Precedence.NOT),
    NEGATE("-", Precedence.NEGATE);

    private final String symbol;
    private final int precedence;

    UnaryOperator(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    String symbol() {
        return symbol;
    }

    /** How tightly the operand binds: {@code !} takes a whole comparison, {@code -} one factor. */
    int precedence() {
        return precedence;
    }
}
