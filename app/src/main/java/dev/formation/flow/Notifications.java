package dev.formation.flow;

import dev.formation.form.TextRules;
import dev.formation.i18n.Texts;
import dev.formation.plugin.api.Message;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes notifications in the caller's transaction, in each recipient's language, so a task
 * and the message about it exist together or not at all. A row waits in the e-mail outbox
 * when a notifier is configured and the recipient has an address.
 */
@Singleton
public class Notifications {

    private final NotifierRegistry notifiers;

    public Notifications(NotifierRegistry notifiers) {
        this.notifiers = notifiers;
    }

    /** A person named in a message ("陈静 催您…"): written as their name, never their username. */
    record Person(String username) {
    }

    /**
     * @param kind a key under {@code notify.} in the messages, with {@code .subject} and {@code .body}
     * @param args the texts' arguments; {@link Message}s are put in the recipient's language and
     *             {@link Person}s become their names
     */
    void send(Connection c, String username, String kind, String link, Long instanceId, LocalDateTime now,
              Object... args) throws SQLException {
        String email = null;
        Locale locale = Locale.forLanguageTag(Message.DEFAULT_LANGUAGE);
        try (PreparedStatement ps = c.prepareStatement("SELECT `email`, `locale` FROM `users` WHERE `username` = ? "
                + "AND `enabled` = TRUE")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                email = rs.getString(1);
                if (rs.getString(2) != null && !rs.getString(2).isBlank()) {
                    locale = Locale.forLanguageTag(rs.getString(2));
                }
            }
        }
        Object[] localised = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            localised[i] = args[i] instanceof Message m ? m.in(locale)
                    : args[i] instanceof Person p ? name(c, p.username()) : args[i];
        }
        String subject = clip(Texts.get(locale, "notify." + kind + ".subject", localised), 300);
        String body = clip(Texts.get(locale, "notify." + kind + ".body", localised), 2000);
        boolean mail = notifiers.active() && email != null && !email.isBlank();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `notifications` (`username`, `at`, `kind`, "
                + "`subject`, `body`, `link`, `instance_id`, `email_status`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, username);
            ps.setObject(2, now);
            ps.setString(3, kind);
            ps.setString(4, subject);
            ps.setString(5, body);
            ps.setString(6, link);
            FlowStore.setNullableLong(ps, 7, instanceId);
            ps.setString(8, mail ? "pending" : "none");
            ps.executeUpdate();
        }
    }

    /** A user's name; the engine itself and unknown users keep their username. */
    private static String name(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT `name` FROM `users` WHERE `username` = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null && !rs.getString(1).isBlank() ? rs.getString(1) : username;
            }
        }
    }

    /** The user's newest notifications. */
    public List<Map<String, Object>> recent(Connection c, String username, int limit) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT `id`, `at`, `kind`, `subject`, `body`, `link`, "
                + "`instance_id`, `read_at` FROM `notifications` WHERE `username` = ? ORDER BY `id` DESC LIMIT ?")) {
            ps.setString(1, username);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("id", rs.getLong(1));
                    n.put("at", rs.getObject(2, LocalDateTime.class).toString());
                    n.put("kind", rs.getString(3));
                    n.put("subject", rs.getString(4));
                    n.put("body", rs.getString(5));
                    n.put("link", rs.getString(6));
                    long instance = rs.getLong(7);
                    n.put("instance_id", rs.wasNull() ? null : instance);
                    LocalDateTime read = rs.getObject(8, LocalDateTime.class);
                    n.put("read", read != null);
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** Where one of the user's notifications leads; empty when it is not theirs or has no link. */
    public java.util.Optional<String> link(Connection c, String username, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT `link` FROM `notifications` WHERE `id` = ? "
                + "AND `username` = ?")) {
            ps.setLong(1, id);
            ps.setString(2, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.ofNullable(rs.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    public int unread(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM `notifications` WHERE `username` = ? "
                + "AND `read_at` IS NULL")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Marks one (id) or all (null) of the user's notifications read. */
    public void markRead(Connection c, String username, Long id, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE `notifications` SET `read_at` = ? WHERE `username` = ? "
                + "AND `read_at` IS NULL" + (id == null ? "" : " AND `id` = ?"))) {
            ps.setObject(1, now);
            ps.setString(2, username);
            if (id != null) {
                ps.setLong(3, id);
            }
            ps.executeUpdate();
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : TextRules.clip(text, max - 1) + "…";
    }
}
