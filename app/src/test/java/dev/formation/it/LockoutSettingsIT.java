package dev.formation.it;

import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.formation.it.LockoutIT.BAD_LOGIN;
import static dev.formation.it.LockoutIT.LOCKED;
import static dev.formation.it.LockoutIT.assertRefused;
import static dev.formation.it.LockoutIT.login;
import static dev.formation.it.LockoutIT.newUser;
import static dev.formation.it.LockoutIT.outcomes;
import static dev.formation.it.LockoutIT.timePasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lockout rule as an operator configures it: 3 failures within 2 minutes lock for 1 minute
 * (formation.lockout-attempts / -window-minutes / -minutes).
 */
class LockoutSettingsIT extends AppTestBase {

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.lockout-attempts", 3, "formation.lockout-window-minutes", 2,
                "formation.lockout-minutes", 1);
    }

    @Test
    void threeFailuresLockForAMinute() {
        String user = newUser(api, "cfg");
        for (int i = 1; i <= 3; i++) {
            assertRefused(login(api, user, "wrong-" + i), BAD_LOGIN);
        }
        assertRefused(login(api, user, Api.PASSWORD), LOCKED);
        assertEquals(List.of("locked", "failure", "failure", "failure"), outcomes(api, user));

        timePasses(db, user, Duration.ofSeconds(30));
        assertRefused(login(api, user, Api.PASSWORD), LOCKED);
        timePasses(db, user, Duration.ofSeconds(40)); // 70 s after the last failure
        login(api, user, Api.PASSWORD).expect(200);
    }

    @Test
    void twoFailuresDoNotLock() {
        String user = newUser(api, "two");
        assertRefused(login(api, user, "wrong-1"), BAD_LOGIN);
        assertRefused(login(api, user, "wrong-2"), BAD_LOGIN);
        login(api, user, Api.PASSWORD).expect(200);
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotLock() {
        String user = newUser(api, "win");
        assertRefused(login(api, user, "wrong-1"), BAD_LOGIN);
        assertRefused(login(api, user, "wrong-2"), BAD_LOGIN);
        timePasses(db, user, Duration.ofMinutes(3)); // out of the 2-minute window
        assertRefused(login(api, user, "wrong-3"), BAD_LOGIN);
        assertRefused(login(api, user, "wrong-4"), BAD_LOGIN);
        login(api, user, Api.PASSWORD).expect(200);
    }
}
