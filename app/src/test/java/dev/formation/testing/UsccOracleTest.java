package dev.formation.testing;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tests' own USCC generator agrees with published codes, so the ITs feed the app valid ones. */
class UsccOracleTest {

    @ParameterizedTest
    @ValueSource(strings = {"913101152002977269", "91320506850402049E", "91440106802159865F", "914201117714518545"})
    void checkCharacterMatchesKnownCodes(String code) {
        assertEquals(code.charAt(17), Customers.usccCheck(code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y44"})
    void theCodeTheIssueCallsInvalidIsInvalid(String code) {
        assertNotEquals(code.charAt(17), Customers.usccCheck(code));
    }

    @RepeatedTest(20)
    void generatedCodesAreWellFormed() {
        String code = Customers.uscc();
        assertTrue(code.matches("^[0-9A-HJ-NPQRTUWXY]{18}$"), code);
        assertEquals(code.charAt(17), Customers.usccCheck(code));
    }
}
