package dev.formation.plugins.uscc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formation.plugin.api.Message;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsccFormatTest {

    private static final Locale EN = Locale.ENGLISH;
    private static final Locale ZH = Locale.forLanguageTag("zh-CN");

    private final UsccFormat format = new UsccFormat();

    @Test
    void nameIsUscc() {
        assertEquals("uscc", format.name());
    }

    @Test
    void acceptsPublishedCodes() {
        for (String code : new String[] {
                "91350100M000100Y43", "91110000802100433B", "911100001000079554", "91310000607216596U"}) {
            assertEquals(Optional.empty(), format.check(code), code);
        }
    }

    @Test
    void acceptsCodeWhoseCheckCharacterWasComputedByHand() {
        // 1*1 + 2*3 + 1*9 + 4*20 + 6*10 + 2*30 + 4*28 = 328; 328 mod 31 = 18; 31 - 18 = 13 -> 'D'
        assertEquals(Optional.empty(), format.check("12100000400000624D"));
    }

    @Test
    void acceptsCheckCharacterZeroWhenRemainderIsZero() {
        String body = bodyWithRemainderZero();
        assertEquals(Optional.empty(), format.check(body + "0"));
        assertEquals("The check character of the unified social credit code is wrong",
                format.check(body + "1").orElseThrow().in(EN));
    }

    @Test
    void exactlyOneCheckCharacterIsAcceptedForABody() {
        String body = "91350100M000100Y4";
        long accepted = UsccChecksum.CHARSET.chars()
                .filter(c -> format.check(body + (char) c).isEmpty())
                .count();
        assertEquals(1, accepted);
    }

    @Test
    void refusesWrongCheckCharacter() {
        Message reason = format.check("91350100M000100Y44").orElseThrow();
        assertEquals("统一社会信用代码校验位不正确", reason.in(ZH));
        assertEquals("The check character of the unified social credit code is wrong", reason.in(EN));
    }

    @Test
    void refusesSwappedDigitsThroughTheCheckCharacter() {
        assertEquals("统一社会信用代码校验位不正确", format.check("91530100M000100Y43").orElseThrow().in(ZH));
    }

    @Test
    void refusesWrongLength() {
        for (String code : new String[] {"", "91350100M000100Y4", "91350100M000100Y433", " 91350100M000100Y43"}) {
            Message reason = format.check(code).orElseThrow();
            assertEquals("统一社会信用代码应为18位", reason.in(ZH), code);
            assertEquals("A unified social credit code has 18 characters", reason.in(EN), code);
        }
    }

    @Test
    void refusesNullAsWrongLength() {
        assertEquals("A unified social credit code has 18 characters", format.check(null).orElseThrow().in(EN));
    }

    @Test
    void refusesEachForbiddenLetterNamingItsPosition() {
        for (char letter : new char[] {'I', 'O', 'Z', 'S', 'V'}) {
            String code = "91350100M" + letter + "00100Y43";
            String reason = format.check(code).orElseThrow().in(EN);
            assertTrue(reason.contains("'" + letter + "' at position 10"), reason);
            assertTrue(format.check(code).orElseThrow().in(ZH).contains("第10位"), code);
        }
    }

    @Test
    void refusesSymbolsAndNonAsciiCharacters() {
        assertTrue(format.check("91350100M000100-43").orElseThrow().in(EN).contains("'-' at position 16"));
        assertTrue(format.check("91350100M000100Ｙ43").orElseThrow().in(EN).contains("position 16"));
    }

    @Test
    void refusesLowerCaseWithItsOwnMessage() {
        Message reason = format.check("91350100m000100y43").orElseThrow();
        assertEquals("统一社会信用代码中的字母应为大写", reason.in(ZH));
        assertEquals("The letters of a unified social credit code must be upper case", reason.in(EN));
    }

    @Test
    void reportsLowerCaseForbiddenLetterAsInvalidNotAsCase() {
        // upper-casing 'o' would still not give a valid character, so asking for upper case would mislead
        assertTrue(format.check("91350100Mo00100Y43").orElseThrow().in(EN).contains("'o' at position 10"));
    }

    private static String bodyWithRemainderZero() {
        // varies the 17th character until the weighted sum is a multiple of 31
        for (int i = 0; i < UsccChecksum.CHARSET.length(); i++) {
            String body = "9135010000010000" + UsccChecksum.CHARSET.charAt(i);
            if (weightedSum(body) % 31 == 0) {
                return body;
            }
        }
        throw new AssertionError("no body with remainder zero");
    }

    private static int weightedSum(String body) {
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += UsccChecksum.CHARSET.indexOf(body.charAt(i)) * weights[i];
        }
        return sum;
    }

    /** Whatever the pattern refuses, the check refuses too: a client that checks the pattern never refuses a valid code. */
    @Test
    void thePublishedPatternAcceptsEveryValidCodeAndOnlyTheAlphabet() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(format.pattern().orElseThrow());
        for (String code : new String[] {"91350100M000100Y43", "91110000802100433B", "12100000400000624D"}) {
            assertTrue(pattern.matcher(code).matches(), code);
        }
        for (char c = 0x20; c < 0x7f; c++) {
            String code = "91350100M000100Y4" + c;
            boolean inAlphabet = UsccChecksum.CHARSET.indexOf(c) >= 0;
            assertEquals(inAlphabet, pattern.matcher(code).matches(), code);
        }
        for (String wrong : new String[] {"91350100m000100Y43", "91350100M000100Y4", "91350100M000100Y433", ""}) {
            assertEquals(false, pattern.matcher(wrong).matches(), wrong);
            assertTrue(format.check(wrong).isPresent(), wrong);
        }
    }
}
