package dev.formation.form.expression;

import static dev.formation.form.expression.Fixtures.eval;
import static dev.formation.form.expression.Fixtures.vars;
import static dev.formation.form.expression.NumberAssertions.assertNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class StringTest {

    @Test
    void bothQuoteStylesWithEscapes() {
        assertEquals("it's", eval("'it\\'s'"));
        assertEquals("say \"hi\"", eval("\"say \\\"hi\\\"\""));
        assertEquals("a\\b", eval("'a\\\\b'"));
        assertEquals("line\nnext\ttab", eval("'line\\nnext\\ttab'"));
        assertEquals("\"", eval("'\"'"));
    }

    @Test
    void plusConcatenatesWhenEitherSideIsAString() {
        assertEquals("a1", eval("'a' + 1"));
        assertEquals("1a", eval("1 + 'a'"));
        assertEquals("3a", eval("1 + 2 + 'a'"));
        assertEquals("a12", eval("'a' + 1 + 2"));
        assertEquals("flag: true", eval("'flag: ' + true"));
        assertEquals("due 2024-01-31", eval("'due ' + date('2024-01-31')"));
    }

    @Test
    void concatenatedNumbersDropTrailingZeros() {
        assertEquals("total: 2.5", eval("'total: ' + 10 / 4"));
        assertEquals("x100", eval("'x' + amount", vars("amount", 100)));
    }

    @Test
    void nullConcatenatesAsNothing() {
        assertEquals("Hello ", eval("'Hello ' + name", vars("name", null)));
        assertEquals("Hello Li", eval("'Hello ' + name", vars("name", "Li")));
    }

    @Test
    void concatenatingAListAtRunTimeIsNull() {
        assertNull(eval("'a' + anything", vars("anything", List.of(1))));
    }

    @Test
    void stringsCompareLexicographically() {
        assertEquals(true, eval("'b' > 'a'"));
        assertEquals(true, eval("'abc' == \"abc\""));
        assertEquals(false, eval("'abc' == 'ABC'"));
    }

    @Test
    void textFunctions() {
        assertEquals("abc", eval("lower('AbC')"));
        assertEquals("ABC", eval("upper('AbC')"));
        assertEquals("a b", eval("trim('  a b \\t')"));
        assertEquals("名称", eval("trim('\u3000名称\u3000')"));
        assertEquals(true, eval("startsWith('ABC-1', 'ABC')"));
        assertEquals(false, eval("startsWith('ABC-1', 'BC')"));
        assertEquals(true, eval("contains('hello', 'ell')"));
        assertEquals(false, eval("contains('hello', 'xyz')"));
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        assertNumber("2", eval("len('汉字')"));
        assertNumber("1", eval("len('\uD83D\uDE00')"));
        assertNumber("0", eval("len('')"));
    }

    @Test
    void emptyMeansNullOrBlankContainerNotZero() {
        assertEquals(true, eval("empty(name)", vars("name", null)));
        assertEquals(true, eval("empty('')"));
        assertEquals(true, eval("empty([])"));
        assertEquals(false, eval("empty(' ')"));
        assertEquals(false, eval("empty(0)"));
        assertEquals(false, eval("empty(false)"));
    }
}
