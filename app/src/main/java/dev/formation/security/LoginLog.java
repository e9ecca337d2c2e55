package dev.formation.security;

import dev.formation.config.FormationSettings;
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
 * Every login attempt (success, failure, refused while locked) with its client address, and the
 * lockout rule read from it: N failures within the window since the last success lock the
 * account until the lock time has passed since the last of them.
 */
@Singleton
public class LoginLog {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String LOCKED = "locked";
    public static final String DISABLED = "disabled";

    private final Tx tx;
    private final FormationSettings settings;

    private final Clock clock;

    public LoginLog(Tx tx, FormationSettings settings, Clock clock) {
        this.clock = clock;
        this.tx = tx;
        this.settings = settings;
    }

    public void record(String username, String outcome, String clientAddress) {
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

    /** Whether the account is locked now. */
    public boolean isLocked(String username) {
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime windowStart = now.minusMinutes(settings.getLockoutWindowMinutes() + settings.getLockoutMinutes());
        List<Object[]> attempts = tx.read(c -> {
            List<Object[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT `at`, `outcome` FROM `login_log` WHERE `username` = ? "
                    + "AND `at` >= ? ORDER BY `id` DESC LIMIT 200")) {
                ps.setString(1, username);
                ps.setObject(2, windowStart);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[]{rs.getObject(1, LocalDateTime.class), rs.getString(2)});
                    }
                }
            }
            return out;
        });
        // newest first: count failures back to the last success; the lock runs from the last failure
        List<LocalDateTime> failures = new ArrayList<>();
        for (Object[] a : attempts) {
            if (SUCCESS.equals(a[1])) {
                break;
            }
            if (FAILURE.equals(a[1])) {
                failures.add((LocalDateTime) a[0]);
            }
        }
        int needed = settings.getLockoutAttempts();
        for (int i = 0; i + needed - 1 < failures.size(); i++) {
            LocalDateTime last = failures.get(i);
            LocalDateTime first = failures.get(i + needed - 1);
            if (!first.isBefore(last.minusMinutes(settings.getLockoutWindowMinutes()))
                    && now.isBefore(last.plusMinutes(settings.getLockoutMinutes()))) {
                return true;
            }
        }
        return false;
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
}
