package dev.formation.form.expression;

/** Infix operators with their binding strength; all of them associate to the left. */
enum BinaryOperator {
    OR("||", Precedence.OR),
    AND("&&", Precedence.AND),
    EQ("==", Precedence.COMPARISON),
    NE("!=", Precedence.COMPARISON),
    LT("<", Precedence.COMPARISON),
    LE("<=", Precedence.COMPARISON),
    GT(">", Precedence.COMPARISON),
    GE(">=", Precedence.COMPARISON),
    IN("in", Precedence.IN),
    NOT_IN("not in", Precedence.IN),
    ADD("+", Precedence.ADDITIVE),
    SUBTRACT("-", Precedence.ADDITIVE),
    MULTIPLY("*", Precedence.MULTIPLICATIVE),
    DIVIDE("/", Precedence.MULTIPLICATIVE),
    REMAINDER("%", Precedence.MULTIPLICATIVE);

    private final String symbol;
    private final int precedence;

    BinaryOperator(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    String symbol() {
        return symbol;
    }

    int precedence() {
        return precedence;
    }

    /** The operator a single token stands for, or null; {@code not in} is handled by the parser. */
    static BinaryOperator of(TokenKind kind) {
        switch (kind) {
            case OR: return OR;
            case AND: return AND;
            case EQ: return EQ;
            case NE: return NE;
            case LT: return LT;
            case LE: return LE;
            case GT: return GT;
            case GE: return GE;
            case IN: return IN;
            case PLUS: return ADD;
            case MINUS: return SUBTRACT;
            case STAR: return MULTIPLY;
            case SLASH: return DIVIDE;
            case PERCENT: return REMAINDER;
            default: return null;
        }
    }
}
