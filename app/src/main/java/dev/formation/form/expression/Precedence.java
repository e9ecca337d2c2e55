package dev.formation.form.expression;

/**
 * Binding strengths, loosest first. {@code !} sits below the comparisons, as {@code not} does in
 * Python, so {@code !a == b} reads as {@code !(a == b)}; {@code in} binds tighter than
 * comparisons so {@code x in list == true} needs no parentheses.
 */
final class Precedence {
    static final int NONE = 0;
    static final int OR = 1;
    static final int AND = 2;
    static final int NOT = 3;
    static final int COMPARISON = 4;
    static final int IN = 5;
    static final int ADDITIVE = 6;
    static final int MULTIPLICATIVE = 7;
    static final int NEGATE = 8;

    private Precedence() {
    }
}
