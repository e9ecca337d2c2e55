package dev.formation.form.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompileErrorTest {

    private static ExpressionException error(String source) {
        return assertThrows(ExpressionException.class, () -> Fixtures.compile(source));
    }

    private static void assertError(String source, String message, int position) {
        ExpressionException e = error(source);
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position());
    }

    @Test
    void unknownFieldWithPosition() {
        assertError("amount + amout", "unknown field 'amout' at 9", 9);
        assertError("amout.x > 1", "unknown field 'amout' at 0", 0);
        assertError("$admin.name", "unknown variable '$admin' at 0", 0);
    }

    @Test
    void memberOfAScalarField() {
        assertError("amount.value", "'amount' is a NUMBER and has no field 'value' at 7", 7);
        assertError("$user.username.first", "'$user.username' is a STRING and has no field 'first' at 15", 15);
    }

    @Test
    void unknownFunction() {
        assertError("1 + sqrt(4)", "unknown function 'sqrt' at 4", 4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "round(1, 2, 3); function 'round' takes 1 to 2 arguments but got 3 at 0",
        "today(1); function 'today' takes 0 arguments but got 1 at 0",
        "if(true, 1); function 'if' takes 3 arguments but got 2 at 0",
        "coalesce(amount); function 'coalesce' takes at least 2 arguments but got 1 at 0",
        "len(); function 'len' takes 1 argument but got 0 at 0",
        "min(); function 'min' takes at least 1 argument but got 0 at 0",
    })
    void wrongArity(String source, String message) {
        assertEquals(message, error(source).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "name * 2; operator '*' cannot be applied to STRING and NUMBER at 5",
        "active + 1; operator '+' cannot be applied to BOOLEAN and NUMBER at 7",
        "amount == name; operator '==' cannot be applied to NUMBER and STRING at 7",
        "startDate < 3; operator '<' cannot be applied to DATE and NUMBER at 10",
        "startDate < submittedAt; operator '<' cannot be applied to DATE and DATETIME at 10",
        "active > false; operator '>' cannot be applied to BOOLEAN and BOOLEAN at 7",
        "tags + name; operator '+' cannot be applied to LIST and STRING at 5",
        "tags + anything; operator '+' cannot be applied to LIST and ANY at 5",
        "-name; operator '-' cannot be applied to STRING at 0",
        "2 in name; operator 'in' needs a LIST on the right, not STRING at 2",
        "upper(amount); function 'upper' expects STRING as argument 1, not NUMBER at 6",
        "sum(amount); function 'sum' expects LIST as argument 1, not NUMBER at 4",
        "addDays(startDate, '1'); function 'addDays' expects NUMBER as argument 2, not STRING at 19",
        "min(1, name); function 'min' cannot combine NUMBER, STRING at 0",
        "contains(name, 1); function 'contains' cannot combine STRING, NUMBER at 0",
        "date('2024-02-30'); '2024-02-30' is not a date in the form yyyy-mm-dd at 5",
    })
    void typeErrorsWhenBothTypesAreKnown(String source, String message) {
        assertEquals(message, error(source).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "'abc; unterminated string at 0",
        "name == \"x; unterminated string at 8",
        "'a\\q'; unknown escape '\\q' in string at 2",
        "1 +; unexpected end of expression at 3",
        "(1 + 2; expected ')' but found end of expression at 6",
        "1 2; unexpected '2' at 2",
        "amount = 1; '=' is not an operator, compare with '==' at 7",
        "active & true; '&' is not an operator, use '&&' at 7",
        "amount # 1; unexpected character '#' at 7",
        "1abc; invalid number '1a' at 0",
        "contacts.; expected a field name after '.' but found end of expression at 9",
        "[1, 2; expected ',' or ']' but found end of expression at 5",
        "max(1 2); expected ',' or ')' but found '2' at 6",
        "$; '$' must be followed by a name at 0",
    })
    void syntaxErrorsWithPosition(String source, String message) {
        assertEquals(message, error(source).getMessage());
    }

    @Test
    void emptySourceIsAnError() {
        assertError("", "unexpected end of expression at 0", 0);
        assertError("   ", "unexpected end of expression at 3", 3);
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        String deep = "(".repeat(Expressions.MAX_DEPTH) + "1" + ")".repeat(Expressions.MAX_DEPTH);
        assertEquals("expression is nested more than 100 levels deep at 100", error(deep).getMessage());
        String fine = "(".repeat(Expressions.MAX_DEPTH - 1) + "1" + ")".repeat(Expressions.MAX_DEPTH - 1);
        NumberAssertions.assertNumber("1", Fixtures.eval(fine));
    }

    @Test
    void longOperatorChainsAreBoundedToo() {
        // built by a loop in the parser, but evaluated recursively, so the tree depth must be bounded
        assertThrows(ExpressionException.class, () -> Fixtures.compile("1" + " + 1".repeat(150)));
        assertThrows(ExpressionException.class, () -> Fixtures.compile("customer" + ".a".repeat(150)));
        assertThrows(ExpressionException.class, () -> Fixtures.compile("-".repeat(150) + "1"));
        assertThrows(ExpressionException.class, () -> Fixtures.compile("!".repeat(150) + "true"));
        assertThrows(ExpressionException.class, () -> Fixtures.compile("[".repeat(150) + "]".repeat(150)));
        assertThrows(ExpressionException.class, () -> Fixtures.compile("abs(".repeat(150) + "1" + ")".repeat(150)));
        NumberAssertions.assertNumber("51", Fixtures.eval("1" + " + 1".repeat(50)));
    }

    @Test
    void sourceLongerThanTheLimitIsRefused() {
        String atLimit = "'" + "a".repeat(Expressions.MAX_SOURCE_LENGTH - 2) + "'";
        assertEquals(Expressions.MAX_SOURCE_LENGTH, Fixtures.compile(atLimit).source().length());
        ExpressionException e = error(atLimit + " ");
        assertEquals("expression is longer than 4000 characters at 4000", e.getMessage());
    }

    @Test
    void missingSourceIsAnError() {
        assertEquals(-1, assertThrows(ExpressionException.class, () -> Expressions.compile(null, Fixtures.SCOPE))
                .position());
    }
}
