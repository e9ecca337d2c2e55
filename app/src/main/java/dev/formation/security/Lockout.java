package dev.formation.security;

import dev.formation.config.FormationSettings;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lockout rule, read from the login log. It locks the <em>source</em> of the failures, a user
 * name tried from one client address: {@code formation.lockout-attempts} failures from that
 * address within {@code formation.lockout-window-minutes}, counted since its last success there,
 * lock that name from that address for {@code formation.lockout-minutes} after the last of them.
 * So a stranger's guesses cannot shut the real user out from their own address. An
 * administrator lifts every lock of a user at once (an {@code unlocked} entry in the log, from
 * which all counting restarts).
 */
@Singleton
public class Lockout {

    /** A lock on a user name from one address, until a time. */
    public record Lock(String clientAddress, LocalDateTime until) {
    }

    /** Rows read per decision; refusals while locked are not among them, so this is plenty. */
    private static final int LIMIT = 500;

    private final LoginLog log;
    private final FormationSettings settings;
    private final Clock clock;

    public Lockout(LoginLog log, FormationSettings settings, Clock clock) {
        this.log = log;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether logging in as the user from this address is locked now. */
    public boolean isLocked(String username, String clientAddress) {
        LocalDateTime now = LocalDateTime.now(clock);
        String address = LoginLog.address(clientAddress);
        List<LocalDateTime> failures = failuresBySource(log.decisive(username, address, horizon(now), LIMIT))
                .getOrDefault(address, List.of());
        return lockedUntil(failures, now).isPresent();
    }

    /** The user's locks now, one per address. */
    public List<Lock> locks(String username) {
        LocalDateTime now = LocalDateTime.now(clock);
        List<Lock> out = new ArrayList<>();
        failuresBySource(log.decisive(username, null, horizon(now), LIMIT)).forEach((address, failures) ->
                lockedUntil(failures, now).ifPresent(until -> out.add(new Lock(address, until))));
        return out;
    }

    /**
     * Lifts the user's locks and restarts the count of their failures, from every address; does
     * nothing when no failure is being counted. Returns whether there was something to lift.
     */
    public boolean lift(String username) {
        LocalDateTime now = LocalDateTime.now(clock);
        if (failuresBySource(log.decisive(username, null, horizon(now), LIMIT)).isEmpty()) {
            return false;
        }
        log.recordUnlock(username);
        return true;
    }

    /** Old enough that no entry before it can lock now. */
    private LocalDateTime horizon(LocalDateTime now) {
        return now.minusMinutes(settings.getLockoutWindowMinutes() + settings.getLockoutMinutes());
    }

    /**
     * Failure times per address, newest first, counted back to that address's last success; an
     * unlock ends the counting for every address.
     */
    private static Map<String, List<LocalDateTime>> failuresBySource(List<LoginLog.Entry> newestFirst) {
        Map<String, List<LocalDateTime>> failures = new LinkedHashMap<>();
        Set<String> settled = new HashSet<>();
        for (LoginLog.Entry e : newestFirst) {
            if (LoginLog.UNLOCKED.equals(e.outcome())) {
                break;
            }
            if (LoginLog.SUCCESS.equals(e.outcome())) {
                settled.add(e.clientAddress());
            } else if (LoginLog.FAILURE.equals(e.outcome()) && !settled.contains(e.clientAddress())) {
                failures.computeIfAbsent(e.clientAddress(), a -> new ArrayList<>()).add(e.at());
            }
        }
        return failures;
    }

    /** When the lock these failures (newest first) make ends, if they make one that lasts past now. */
    private Optional<LocalDateTime> lockedUntil(List<LocalDateTime> failures, LocalDateTime now) {
        int needed = settings.getLockoutAttempts();
        if (needed < 1) {
            return Optional.empty(); // lockout switched off
        }
        for (int i = 0; i + needed - 1 < failures.size(); i++) {
            LocalDateTime last = failures.get(i);
            LocalDateTime first = failures.get(i + needed - 1);
            LocalDateTime until = last.plusMinutes(settings.getLockoutMinutes());
            if (!first.isBefore(last.minusMinutes(settings.getLockoutWindowMinutes())) && now.isBefore(until)) {
                return Optional.of(until);
            }
        }
        return Optional.empty();
    }
}
