package dev.formation.form.expression;

import static dev.formation.form.expression.Fixtures.eval;
import static dev.formation.form.expression.Fixtures.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The language must offer no path from metadata to a Java class or method. */
class SandboxTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "''.getClass(); only built-in functions can be called, found '(' at 11",
        "name.getClass(); only built-in functions can be called, found '(' at 13",
        "customer.getClass(); only built-in functions can be called, found '(' at 17",
        "customer.class.forName('java.lang.Runtime'); only built-in functions can be called, found '(' at 22",
        "(upper)('x'); only built-in functions can be called, found '(' at 7",
        "'x'.length; 'x' is a STRING and has no field 'length' at 4",
        "getClass(); unknown function 'getClass' at 0",
        "T(java.lang.Runtime); unknown function 'T' at 0",
        "java.lang.System.exit(0); only built-in functions can be called, found '(' at 21",
        "java.lang.System; unknown field 'java' at 0",
        "Runtime; unknown field 'Runtime' at 0",
        "this; unknown field 'this' at 0",
        "$user.$class; expected a field name after '.' but found '$class' at 6",
    })
    void javaIsOutOfReach(String source, String message) {
        assertEquals(message, assertThrows(ExpressionException.class, () -> Fixtures.compile(source)).getMessage());
    }

    @Test
    void membersOfObjectsAreMapKeysNeverBeanProperties() {
        Object bean = new StringBuilder("secret");
        assertNull(eval("customer.class", vars("customer", bean)));
        assertNull(eval("customer.length", vars("customer", bean)));
        assertNull(eval("anything.bytes", vars("anything", "text")));
        assertNull(eval("$user.class", vars("$user", Map.of("username", "li"))));
        assertEquals("li", eval("$user.username", vars("$user", Map.of("username", "li"))));
    }
}
