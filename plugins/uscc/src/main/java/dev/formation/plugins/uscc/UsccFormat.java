package dev.formation.plugins.uscc;

import dev.formation.plugin.api.FieldFormat;
import dev.formation.plugin.api.Message;
import java.util.Optional;

/**
 * Checks a Unified Social Credit Code: 18 characters of the GB 32100-2015 alphabet whose last
 * one is the check character. Lower-case letters are refused rather than folded, because the
 * engine stores what the user typed and a lower-case code would not match official records.
 */
public final class UsccFormat implements FieldFormat {

    public static final String NAME = "uscc";

    private static final Message WRONG_LENGTH =
            Message.of("统一社会信用代码应为18位", "A unified social credit code has 18 characters");
    private static final Message LOWER_CASE = Message.of(
            "统一社会信用代码中的字母应为大写",
            "The letters of a unified social credit code must be upper case");
    private static final Message WRONG_CHECK_CHARACTER = Message.of(
            "统一社会信用代码校验位不正确",
            "The check character of the unified social credit code is wrong");

    @Override
    public String name() {
        return NAME;
    }

    /** 18 characters of the alphabet; the check character is what {@link #check} adds. */
    @Override
    public Optional<String> pattern() {
        return Optional.of("^[" + UsccChecksum.CHARSET_CLASS + "]{" + UsccChecksum.LENGTH + "}$");
    }

    @Override
    public Optional<Message> check(String value) {
        if (value == null || value.length() != UsccChecksum.LENGTH) {
            return Optional.of(WRONG_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!UsccChecksum.inCharset(c)) {
                return Optional.of(invalidCharacter(c, i + 1));
            }
        }
        if (value.charAt(UsccChecksum.LENGTH - 1) != UsccChecksum.checkCharacter(value)) {
            return Optional.of(WRONG_CHECK_CHARACTER);
        }
        return Optional.empty();
    }

    private static Message invalidCharacter(char c, int position) {
        if (Character.isLowerCase(c) && UsccChecksum.inCharset(Character.toUpperCase(c))) {
            return LOWER_CASE;
        }
        return Message.of(
                "统一社会信用代码第" + position + "位的字符“" + c + "”无效（不能包含 I、O、Z、S、V 或其他符号）",
                "Character '" + c + "' at position " + position
                        + " is not allowed in a unified social credit code (I, O, Z, S, V and symbols are never used)");
    }
}
