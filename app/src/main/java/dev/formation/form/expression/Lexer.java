package dev.formation.form.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Splits source into tokens; the whole source is at most a few thousand characters. */
final class Lexer {

    private static final Map<String, TokenKind> WORDS = Map.of(
            "true", TokenKind.TRUE, "false", TokenKind.FALSE, "null", TokenKind.NULL,
            "and", TokenKind.AND, "or", TokenKind.OR, "not", TokenKind.NOT, "in", TokenKind.IN);

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int index;

    Lexer(String source) {
        this.source = source;
    }

    List<Token> tokenize() {
        while (true) {
            skipWhitespace();
            if (index >= source.length()) {
                tokens.add(new Token(TokenKind.EOF, "", null, source.length()));
                return List.copyOf(tokens);
            }
            char c = source.charAt(index);
            if (isDigit(c)) {
                number();
            } else if (isIdentifierStart(c) || c == '$') {
                identifier();
            } else if (c == '\'' || c == '"') {
                string(c);
            } else {
                symbol(c);
            }
        }
    }

    private void skipWhitespace() {
        while (index < source.length() && Character.isWhitespace(source.charAt(index))) {
            index++;
        }
    }

    private void number() {
        int start = index;
        skipDigits();
        // a dot not followed by a digit is member access, e.g. "1.x", which the checker refuses
        if (index + 1 < source.length() && source.charAt(index) == '.' && isDigit(source.charAt(index + 1))) {
            index++;
            skipDigits();
        }
        if (index < source.length() && isIdentifierPart(source.charAt(index))) {
            throw new ExpressionException("invalid number '" + source.substring(start, index + 1) + "'", start);
        }
        String text = source.substring(start, index);
        tokens.add(new Token(TokenKind.NUMBER, text, new BigDecimal(text), start));
    }

    private void skipDigits() {
        while (index < source.length() && isDigit(source.charAt(index))) {
            index++;
        }
    }

    private void identifier() {
        int start = index;
        if (source.charAt(index) == '$') {
            index++;
            if (index >= source.length() || !isIdentifierStart(source.charAt(index))) {
                throw new ExpressionException("'$' must be followed by a name", start);
            }
        }
        while (index < source.length() && isIdentifierPart(source.charAt(index))) {
            index++;
        }
        String text = source.substring(start, index);
        tokens.add(new Token(WORDS.getOrDefault(text, TokenKind.IDENTIFIER), text, null, start));
    }

    private void string(char quote) {
        int start = index;
        StringBuilder value = new StringBuilder();
        index++;
        while (true) {
            if (index >= source.length()) {
                throw new ExpressionException("unterminated string", start);
            }
            char c = source.charAt(index);
            if (c == quote) {
                index++;
                break;
            }
            if (c == '\\') {
                value.append(escape());
            } else {
                value.append(c);
                index++;
            }
        }
        tokens.add(new Token(TokenKind.STRING, source.substring(start, index), value.toString(), start));
    }

    private char escape() {
        int start = index;
        if (index + 1 >= source.length()) {
            throw new ExpressionException("unterminated string", start);
        }
        char c = source.charAt(index + 1);
        index += 2;
        switch (c) {
            case '\\': return '\\';
            case '\'': return '\'';
            case '"': return '"';
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            default:
                throw new ExpressionException("unknown escape '\\" + c + "' in string", start);
        }
    }

    private void symbol(char c) {
        int start = index;
        char next = index + 1 < source.length() ? source.charAt(index + 1) : '\0';
        TokenKind kind;
        int length = 1;
        switch (c) {
            case '+': kind = TokenKind.PLUS; break;
            case '-': kind = TokenKind.MINUS; break;
            case '*': kind = TokenKind.STAR; break;
            case '/': kind = TokenKind.SLASH; break;
            case '%': kind = TokenKind.PERCENT; break;
            case '(': kind = TokenKind.LPAREN; break;
            case ')': kind = TokenKind.RPAREN; break;
            case '[': kind = TokenKind.LBRACKET; break;
            case ']': kind = TokenKind.RBRACKET; break;
            case ',': kind = TokenKind.COMMA; break;
            case '.': kind = TokenKind.DOT; break;
            case '<':
                kind = next == '=' ? TokenKind.LE : TokenKind.LT;
                length = next == '=' ? 2 : 1;
                break;
            case '>':
                kind = next == '=' ? TokenKind.GE : TokenKind.GT;
                length = next == '=' ? 2 : 1;
                break;
            case '!':
                kind = next == '=' ? TokenKind.NE : TokenKind.NOT;
                length = next == '=' ? 2 : 1;
                break;
            case '=':
                kind = pair(c, next, TokenKind.EQ, "'=' is not an operator, compare with '=='");
                length = 2;
                break;
            case '&':
                kind = pair(c, next, TokenKind.AND, "'&' is not an operator, use '&&'");
                length = 2;
                break;
            case '|':
                kind = pair(c, next, TokenKind.OR, "'|' is not an operator, use '||'");
                length = 2;
                break;
            default:
                throw new ExpressionException("unexpected character '" + c + "'", start);
        }
        index += length;
        tokens.add(new Token(kind, source.substring(start, index), null, start));
    }

    /** Operators written as a doubled character, where the single character means nothing. */
    private TokenKind pair(char c, char next, TokenKind kind, String error) {
        if (next != c) {
            throw new ExpressionException(error, index);
        }
        return kind;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
