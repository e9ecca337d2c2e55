package dev.formation.security;

import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    private final Clock clock;

    public LoginLog(Tx tx, Clock clock) {
        this.tx = tx;
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
        tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO `login_log` (`at`, `username`, `outcome`, "
                    + "`client_address`) VALUES (?, ?, ?, ?)")) {
                ps.setObject(1, LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS));
                ps.setString(2, username.length() > 64 ? username.substring(0, 64) : username);
                ps.setString(3, outcome);
                ps.setString(4, clientAddress);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The entries that decide a lockout (failures, successes, unlocks; not refusals while locked,
     * so hammering a lock does not push its failures out of sight), newest first, since a time.
     * With an address, only that address's entries and the unlocks.
     */
    List<Entry> decisive(String username, String clientAddress, LocalDateTime since, int limit) {
        String sql = "SELECT `at`, `outcome`, `client_address` FROM `login_log` WHERE `username` = ? AND `at` >= ? "
                + "AND `outcome` IN (?, ?, ?) "
                + (clientAddress == null ? "" : "AND (`client_address` = ? OR `outcome` = ?) ")
                + "ORDER BY `id` DESC LIMIT ?";
        return tx.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, username);
                ps.setObject(i++, since);
                for (String outcome : List.of(FAILURE, SUCCESS, UNLOCKED)) {
                    ps.setString(i++, outcome);
                }
                if (clientAddress != null) {
                    ps.setString(i++, address(clientAddress));
                    ps.setString(i++, UNLOCKED);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getObject(1, LocalDateTime.class), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    public List<Map<String, Object>> recent(String username, int limit) {
        return tx.read(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            String sql = username == null
                    ? "SELECT `at`, `username`, `outcome`, `client_address` FROM `login_log` ORDER BY `id` DESC LIMIT ?"
                    : "SELECT `at`, `username`, `outcome`, `client_address` FROM `login_log` WHERE `username` = ? "
                    + "ORDER BY `id` DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (username != null) {
                    ps.setString(i++, username);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("at", rs.getObject(1, LocalDateTime.class).toString());
                        e.put("user", rs.getString(2));
                        e.put("outcome", rs.getString(3));
                        e.put("client_address", rs.getString(4));
                        out.add(e);
                    }
                }
            }
            return out;
        });
    }

    static String address(String clientAddress) {
        return clientAddress == null || clientAddress.isBlank() ? UNKNOWN_ADDRESS : clientAddress;
    }
}
