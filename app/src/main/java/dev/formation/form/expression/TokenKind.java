package dev.formation.form.expression;

/** The lexical categories of the language; symbolic and word operators share a kind. */
enum TokenKind {
    NUMBER, STRING, IDENTIFIER, TRUE, FALSE, NULL,
    AND, OR, NOT, IN,
    PLUS, MINUS, STAR, SLASH, PERCENT,
    EQ, NE, LT, LE, GT, GE,
    LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT,
    EOF
}
