package dev.formation.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which servers add a column instantly, and which steps a plan says run online. */
class OnlineDdlTest {

    private static final OnlineDdl.Server H2 = new OnlineDdl.Server(Database.H2, false, false, 0, 0, 0);

    @Test
    void theServerVersionDecidesWhetherAColumnIsAddedInstantly() {
        assertTrue(OnlineDdl.Server.parse("10.11.19-MariaDB-0+deb12u1").instantAddColumn());
        assertTrue(OnlineDdl.Server.parse("10.3.2-MariaDB").instantAddColumn());
        assertFalse(OnlineDdl.Server.parse("10.3.1-MariaDB").instantAddColumn());
        assertFalse(OnlineDdl.Server.parse("10.2.44-MariaDB").instantAddColumn());
        assertTrue(OnlineDdl.Server.parse("5.5.5-10.6.16-MariaDB").instantAddColumn(), "MariaDB's old-client prefix");
        assertTrue(OnlineDdl.Server.parse("8.0.12").instantAddColumn());
        assertTrue(OnlineDdl.Server.parse("8.4.0").instantAddColumn());
        assertFalse(OnlineDdl.Server.parse("8.0.11").instantAddColumn());
        assertFalse(OnlineDdl.Server.parse("5.7.44-log").instantAddColumn());
        assertTrue(OnlineDdl.Server.parse("8.0.11-TiDB-v7.5.0").instantAddColumn(), "TiDB changes schemas online");
        assertFalse(H2.instantAddColumn());
    }

    @Test
    void aPlanSaysHowEachStepRuns() {
        OnlineDdl maria = new OnlineDdl(OnlineDdl.Server.parse("10.11.6-MariaDB"));
        OnlineDdl old = new OnlineDdl(OnlineDdl.Server.parse("5.7.44"));
        assertEquals(new OnlineDdl.Way(OnlineDdl.Method.INSTANT, true, null),
                maria.predict(OnlineDdl.Change.ADD_COLUMN, 5_000_000, 1_000_000, false));
        assertEquals(OnlineDdl.Method.INPLACE, old.predict(OnlineDdl.Change.ADD_COLUMN, 10, 1_000_000, false).method());
        assertTrue(maria.predict(OnlineDdl.Change.ADD_INDEX, 1_000_000, 1_000_000, false).online());
        OnlineDdl.Way big = maria.predict(OnlineDdl.Change.ADD_INDEX, 1_000_001, 1_000_000, false);
        assertFalse(big.online());
        assertTrue(big.why().contains("formation.metadata.online-index-rows"), big.why());
        assertTrue(maria.predict(OnlineDdl.Change.CHANGE_TYPE, 0, 1_000_000, false).online(), "an empty table");
        assertEquals(new OnlineDdl.Way(OnlineDdl.Method.COPY, false, "a type change copies the table and blocks writes while it runs"),
                maria.predict(OnlineDdl.Change.CHANGE_TYPE, 1, 1_000_000, false));
        assertTrue(maria.predict(OnlineDdl.Change.WIDEN_COLUMN, 9, 1_000_000, true).online());
        assertFalse(maria.predict(OnlineDdl.Change.WIDEN_COLUMN, 9, 1_000_000, false).online());
        assertEquals(OnlineDdl.Method.PLAIN, new OnlineDdl(H2).predict(OnlineDdl.Change.ADD_COLUMN, 9, 10, false).method());
    }
}
