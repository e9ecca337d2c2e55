package dev.formation.form.expression;

/** Entry point: compiles expression source against the names it may use. */
public final class Expressions {

    /** Longer sources are refused so that metadata cannot make compiling arbitrarily costly. */
    public static final int MAX_SOURCE_LENGTH = 4000;

    /** Bounds the recursion of the parser, checker and evaluator, all of which follow the tree. */
    public static final int MAX_DEPTH = 100;

    private Expressions() {
    }

    /**
     * @throws ExpressionException when the source is too long, malformed, nested too deeply,
     *         uses an unknown field or function, or combines values of incompatible known types
     */
    public static CompiledExpression compile(String source, ExpressionScope scope) {
        if (source == null) {
            throw new ExpressionException("expression is missing", -1);
        }
        if (scope == null) {
            throw new IllegalArgumentException("scope is required");
        }
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw new ExpressionException(
                    "expression is longer than " + MAX_SOURCE_LENGTH + " characters", MAX_SOURCE_LENGTH);
        }
        Node tree = new Parser(new Lexer(source).tokenize()).parse();
        TypeChecker checker = new TypeChecker(scope);
        ValueType type = checker.check(tree);
        return new CompiledExpression(source, tree, type, checker.references());
    }
}
