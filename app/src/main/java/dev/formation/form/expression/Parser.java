package dev.formation.form.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * A Pratt parser from tokens to a {@link Node} tree. Member access binds tightest and only bare
 * names may be called, which is what keeps method calls on values ({@code ''.getClass()}) out of
 * the language.
 */
final class Parser {

    private final List<Token> tokens;
    private int index;
    private int depth;

    Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    Node parse() {
        Node tree = expression(Precedence.NONE);
        Token next = peek();
        if (next.kind() != TokenKind.EOF) {
            throw unexpected(next);
        }
        return tree;
    }

    /** Parses operators binding tighter than {@code minimum}. */
    private Node expression(int minimum) {
        enter(peek());
        Node left = prefix();
        while (true) {
            Token token = peek();
            if (token.kind() == TokenKind.DOT) {
                left = member(left);
                continue;
            }
            if (token.kind() == TokenKind.LPAREN) {
                throw new ExpressionException("only built-in functions can be called, found '('", token.position());
            }
            BinaryOperator operator = infix();
            if (operator == null || operator.precedence() <= minimum) {
                break;
            }
            advance();
            if (operator == BinaryOperator.NOT_IN) {
                advance();
            }
            Node right = expression(operator.precedence());
            left = bounded(new Node.Binary(operator, left, right, token.position()));
        }
        depth--;
        return left;
    }

    private BinaryOperator infix() {
        Token token = peek();
        if (token.kind() == TokenKind.NOT && token.text().equals("not")
                && peekAfter().kind() == TokenKind.IN) {
            return BinaryOperator.NOT_IN;
        }
        return BinaryOperator.of(token.kind());
    }

    private Node prefix() {
        Token token = advance();
        switch (token.kind()) {
            case NUMBER:
            case STRING:
                return new Node.Literal(token.value(), token.position());
            case TRUE:
                return new Node.Literal(Boolean.TRUE, token.position());
            case FALSE:
                return new Node.Literal(Boolean.FALSE, token.position());
            case NULL:
                return new Node.Literal(null, token.position());
            case IDENTIFIER:
                return nameOrCall(token);
            case LPAREN:
                Node inner = expression(Precedence.NONE);
                expect(TokenKind.RPAREN, "')'");
                return inner;
            case LBRACKET:
                return bounded(new Node.ListLiteral(
                        arguments(TokenKind.RBRACKET, "']'"), token.position()));
            case NOT:
                return unary(UnaryOperator.NOT, token);
            case MINUS:
                return unary(UnaryOperator.NEGATE, token);
            default:
                throw unexpected(token);
        }
    }

    private Node nameOrCall(Token token) {
        boolean call = peek().kind() == TokenKind.LPAREN && !token.text().startsWith("$");
        if (!call) {
            return new Node.Name(token.text(), token.position());
        }
        advance();
        return bounded(new Node.Call(token.text(), arguments(TokenKind.RPAREN, "')'"), token.position()));
    }

    private Node unary(UnaryOperator operator, Token token) {
        Node operand = expression(operator.precedence());
        return bounded(new Node.Unary(operator, operand, token.position()));
    }

    private Node member(Node target) {
        advance();
        Token name = advance();
        if (name.kind() != TokenKind.IDENTIFIER || name.text().startsWith("$")) {
            throw new ExpressionException("expected a field name after '.' but found " + name.describe(),
                    name.position());
        }
        return bounded(new Node.Member(target, name.text(), name.position()));
    }

    /** Comma-separated expressions up to {@code close}, whose opening token was just read. */
    private List<Node> arguments(TokenKind close, String closeText) {
        List<Node> nodes = new ArrayList<>();
        if (peek().kind() == close) {
            advance();
            return nodes;
        }
        while (true) {
            nodes.add(expression(Precedence.NONE));
            Token token = advance();
            if (token.kind() == close) {
                return nodes;
            }
            if (token.kind() != TokenKind.COMMA) {
                throw new ExpressionException("expected ',' or " + closeText + " but found " + token.describe(),
                        token.position());
            }
        }
    }

    private void enter(Token token) {
        depth++;
        if (depth > Expressions.MAX_DEPTH) {
            throw tooDeep(token.position());
        }
    }

    private Node bounded(Node node) {
        if (node.depth() > Expressions.MAX_DEPTH) {
            throw tooDeep(node.position());
        }
        return node;
    }

    private static ExpressionException tooDeep(int position) {
        return new ExpressionException(
                "expression is nested more than " + Expressions.MAX_DEPTH + " levels deep", position);
    }

    private void expect(TokenKind kind, String text) {
        Token token = advance();
        if (token.kind() != kind) {
            throw new ExpressionException("expected " + text + " but found " + token.describe(), token.position());
        }
    }

    private static ExpressionException unexpected(Token token) {
        if (token.kind() == TokenKind.EOF) {
            return new ExpressionException("unexpected end of expression", token.position());
        }
        return new ExpressionException("unexpected " + token.describe(), token.position());
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peekAfter() {
        return tokens.get(Math.min(index + 1, tokens.size() - 1));
    }

    /** Returns the current token and moves on, but never past the end marker. */
    private Token advance() {
        Token token = tokens.get(index);
        if (token.kind() != TokenKind.EOF) {
            index++;
        }
        return token;
    }
}
