package dev.formation.form.expression;

/**
 * One lexeme. {@code text} is the source as written (for error messages); {@code value} is the
 * decoded literal for numbers and strings and null otherwise.
 */
record Token(TokenKind kind, String text, Object value, int position) {

    /** How the token is quoted in an error message. */
    String describe() {
        return kind == TokenKind.EOF ? "end of expression" : "'" + text + "'";
    }
}
