package dev.formation.security;

import dev.formation.store.Tx;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every login attempt (success, failure, refused while locked, refused as disabled) with its
 * client address, and the administrator's lifting of a lockout ({@code unlocked}). The lockout
 * rule that reads it is {@link Lockout}.
 */
@Singleton
public class LoginLog {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String LOCKED = "locked";
    public static final String DISABLED = "disabled";
    /** Not an attempt: an administrator lifted the user's lockout from every address. */
    public static final String UNLOCKED = "unlocked";

    /** Logged when the client address is not known, so that such attempts still count together. */
    static final String UNKNOWN_ADDRESS = "unknown";

    /** One logged entry, for the lockout rule. */
    record Entry(LocalDateTime at, String outcome, String clientAddress) {
    }

    private final Tx tx;
    private final LoginLogRepository log;
    private final Clock clock;

    LoginLog(Tx tx, LoginLogRepository log, Clock clock) {
        this.tx = tx;
        this.log = log;
        this.clock = clock;
    }

    public void record(String username, String outcome, String clientAddress) {
        insert(username, outcome, address(clientAddress));
    }

    /** Logs that an administrator lifted the user's lockout (no client address: it is no attempt). */
    void recordUnlock(String username) {
        insert(username, UNLOCKED, null);
    }

    private void insert(String username, String outcome, String clientAddress) {
        tx.write(c -> log.save(new LoginEntry(null, LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS),
                username.length() > 64 ? username.substring(0, 64) : username, outcome, clientAddress)));
    }

    /**
     * The entries that decide a lockout (failures, successes, unlocks; not refusals while locked,
     * so hammering a lock does not push its failures out of sight), newest first, since a time.
     * With an address, only that address's entries and the unlocks.
     */
    List<Entry> decisive(String username, String clientAddress, LocalDateTime since, int limit) {
        List<String> outcomes = List.of(FAILURE, SUCCESS, UNLOCKED);
        return tx.read(c -> clientAddress == null
                ? log.findByUsernameAndAtGreaterThanEqualsAndOutcomeInOrderByIdDesc(username, since, outcomes,
                        Pageable.from(0, limit))
                : log.decisiveFrom(username, since, outcomes, address(clientAddress), UNLOCKED, limit))
                .stream().map(e -> new Entry(e.at(), e.outcome(), e.clientAddress())).toList();
    }

    public List<Map<String, Object>> recent(String username, int limit) {
        Pageable page = Pageable.from(0, limit);
        return tx.read(c -> username == null ? log.findAllOrderByIdDesc(page)
                : log.findByUsernameOrderByIdDesc(username, page)).stream().map(LoginLog::view).toList();
    }

    private static Map<String, Object> view(LoginEntry entry) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("at", entry.at().toString());
        e.put("user", entry.username());
        e.put("outcome", entry.outcome());
        e.put("client_address", entry.clientAddress());
        return e;
    }

    static String address(String clientAddress) {
        return clientAddress == null || clientAddress.isBlank() ? UNKNOWN_ADDRESS : clientAddress;
    }
}
