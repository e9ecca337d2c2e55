package dev.formation.form;

/**
 * Which characters text may hold and what counts as white space, in one place so that the
 * published JSON Schema, the server's checks and the trimming of input say the same thing.
 *
 * <p>Text may hold every Unicode code point except control characters (category Cc:
 * U+0000–U+001F and U+007F–U+009F) and lone surrogates, which no database stores as text;
 * multi-line text also allows tab, line feed and carriage return (browsers send line breaks
 * as CR LF). White space is the ECMAScript set, which is what {@code \s} means in a JSON
 * Schema pattern; it is trimmed from both ends of every input string.
 *
 * <p>The patterns are written with explicit {@code \\uXXXX} classes, never {@code \s} or
 * {@code .}, because those mean different things in Java and ECMAScript regular expressions.
 */
public final class TextRules {

    /** ECMAScript WhiteSpace and LineTerminator, as a character class body. */
    static final String WHITE_SPACE =
            "\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";

    /** Control characters and surrogates, as a character class body: never allowed on one line. */
    static final String NOT_ON_ONE_LINE = "\\u0000-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF";

    /** The same less tab, line feed and carriage return: never allowed in multi-line text. */
    static final String NOT_IN_LINES = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF";

    /** A JSON Schema pattern: the text holds something besides white space. */
    public static final String NOT_BLANK = "[^" + WHITE_SPACE + "]";

    private TextRules() {
    }

    /** A JSON Schema pattern that matches text made only of allowed characters. */
    public static String allowedCharacters(boolean multiLine) {
        return "^[^" + (multiLine ? NOT_IN_LINES : NOT_ON_ONE_LINE) + "]*$";
    }

    /** The class body of characters allowed on one line, for patterns of structured text. */
    static String oneLineCharacter() {
        return "[^" + NOT_ON_ONE_LINE + "]";
    }

    /** Whether every code point of the text is allowed. */
    public static boolean hasOnlyAllowedCharacters(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean lineBreakOrTab = cp == '\t' || cp == '\n' || cp == '\r';
            if (Character.isISOControl(cp) && !(multiLine && lineBreakOrTab)) {
                return false;
            }
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                return false;
            }
        }
        return true;
    }

    /** Whether the text is made only of white space (or is empty). */
    public static boolean isBlank(String text) {
        return trim(text).isEmpty();
    }

    /** The text without white space at either end. */
    public static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWhiteSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isWhiteSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** ECMAScript's WhiteSpace and LineTerminator code points (all in the BMP). */
    static boolean isWhiteSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F',
                 '\u3000', '\uFEFF' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    /**
     * At most {@code max} UTF-16 units of the text, never half of a surrogate pair: what fits a
     * platform table's VARCHAR(max) on every database (H2 counts units, MySQL code points).
     */
    public static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(max)) && Character.isHighSurrogate(text.charAt(max - 1))
                ? max - 1 : max;
        return text.substring(0, end);
    }

    /** The number of characters (code points) of the text, as JSON Schema's maxLength counts them. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
