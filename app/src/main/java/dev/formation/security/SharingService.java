package dev.formation.security;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.record.RecordService;
import dev.formation.core.ValidationException;
import dev.formation.i18n.Texts;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Shares (read access for users or whole departments, seed 001) and added owners (seed 000)
 * of a record. Sharing needs the {@code share} action on the record; every change is audited.
 */
@Singleton
public class SharingService {

    private final RecordService records;
    private final Directory directory;
    private final AuditTrail audit;
    private final Tx tx;

    private final Clock clock;

    public SharingService(RecordService records, Directory directory, AuditTrail audit, Tx tx, Clock clock) {
        this.clock = clock;
        this.records = records;
        this.directory = directory;
        this.audit = audit;
        this.tx = tx;
    }

    public Map<String, Object> shares(String form, long id, Actor actor) {
        records.requireAccess(form, id, AccessPolicy.READ, actor);
        return tx.read(c -> {
            List<String> users = new ArrayList<>();
            List<String> departments = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT `username`, `department` FROM `record_shares` "
                    + "WHERE `form_key` = ? AND `record_id` = ? ORDER BY `id`")) {
                ps.setString(1, form);
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1) != null) {
                            users.add(rs.getString(1));
                        } else {
                            departments.add(rs.getString(2));
                        }
                    }
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("users", users);
            out.put("departments", departments);
            return out;
        });
    }

    public Map<String, Object> share(String form, long id, Set<String> users, Set<String> departments, Actor actor,
                                     Locale locale) {
        records.requireAccess(form, id, AccessPolicy.SHARE, actor);
        checkExist(users, departments, locale);
        Map<String, Object> current = shares(form, id, actor);
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            Set<String> added = new LinkedHashSet<>();
            for (String user : users) {
                if (!((List<?>) current.get("users")).contains(user)) {
                    insert(c, form, id, user, null, actor, now);
                    added.add("user:" + user);
                }
            }
            for (String dept : departments) {
                if (!((List<?>) current.get("departments")).contains(dept)) {
                    insert(c, form, id, null, dept, actor, now);
                    added.add("department:" + dept);
                }
            }
            if (!added.isEmpty()) {
                audit.record(c, actor, "share", form, id, Map.of("shares", java.util.Arrays.asList(null, added)), now);
            }
            return null;
        });
        return shares(form, id, actor);
    }

    public Map<String, Object> unshare(String form, long id, Set<String> users, Set<String> departments, Actor actor) {
        records.requireAccess(form, id, AccessPolicy.SHARE, actor);
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            int removed = 0;
            for (String user : users) {
                removed += delete(c, form, id, "username", user);
            }
            for (String dept : departments) {
                removed += delete(c, form, id, "department", dept);
            }
            if (removed > 0) {
                Set<String> gone = new LinkedHashSet<>();
                users.forEach(u -> gone.add("user:" + u));
                departments.forEach(d -> gone.add("department:" + d));
                audit.record(c, actor, "unshare", form, id, Map.of("shares", java.util.Arrays.asList(gone, null)), now);
            }
            return null;
        });
        return shares(form, id, actor);
    }

    /** Owners of a record: the main owner first, then added owners. */
    public List<String> owners(String form, long id, Actor actor) {
        Map<String, Object> record = records.requireAccess(form, id, AccessPolicy.READ, actor);
        List<String> owners = new ArrayList<>();
        if (record.get("owner") != null) {
            owners.add((String) record.get("owner"));
        }
        tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT `username` FROM `record_owners` WHERE `form_key` = ? "
                    + "AND `record_id` = ? ORDER BY `id`")) {
                ps.setString(1, form);
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!owners.contains(rs.getString(1))) {
                            owners.add(rs.getString(1));
                        }
                    }
                }
            }
            return null;
        });
        return owners;
    }

    /**
     * Adds an owner; callers have checked the right to do so (an approved owner application,
     * or an admin). Idempotent.
     */
    public void addOwner(String form, long id, String username, Actor by) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM `record_owners` WHERE `form_key` = ? "
                    + "AND `record_id` = ? AND `username` = ?")) {
                ps.setString(1, form);
                ps.setLong(2, id);
                ps.setString(3, username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return null;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO `record_owners` (`form_key`, `record_id`, "
                    + "`username`, `added_by`, `added_at`) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, form);
                ps.setLong(2, id);
                ps.setString(3, username);
                ps.setString(4, by.realUsername());
                ps.setObject(5, now);
                ps.executeUpdate();
            }
            audit.record(c, by, "add_owner", form, id, Map.of("owners", java.util.Arrays.asList(null, username)), now);
            return null;
        });
    }

    /**
     * Removes every added owner, for a record that goes back to nobody (released to the pool);
     * callers have checked the right to. Joins the caller's transaction.
     */
    public void removeAddedOwners(String form, long id, Actor by) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            List<String> removed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT `username` FROM `record_owners` WHERE `form_key` = ? "
                    + "AND `record_id` = ? ORDER BY `id`")) {
                ps.setString(1, form);
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        removed.add(rs.getString(1));
                    }
                }
            }
            if (removed.isEmpty()) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM `record_owners` WHERE `form_key` = ? "
                    + "AND `record_id` = ?")) {
                ps.setString(1, form);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            audit.record(c, by, "remove_owners", form, id, Map.of("owners",
                    java.util.Arrays.asList(String.join(",", removed), null)), now);
            return null;
        });
    }

    private void checkExist(Set<String> users, Set<String> departments, Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> knownUsers = directory.existingUsers(users);
        users.stream().filter(u -> !knownUsers.contains(u)).forEach(u ->
                errors.add(new FieldError("users", Texts.get(locale, "validation.user", u))));
        Set<String> knownDepts = directory.existingDepartments(departments);
        departments.stream().filter(d -> !knownDepts.contains(d)).forEach(d ->
                errors.add(new FieldError("departments", Texts.get(locale, "validation.department", d))));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static void insert(java.sql.Connection c, String form, long id, String user, String dept, Actor actor,
                               LocalDateTime now) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `record_shares` (`form_key`, `record_id`, "
                + "`username`, `department`, `shared_by`, `shared_at`) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, form);
            ps.setLong(2, id);
            ps.setString(3, user);
            ps.setString(4, dept);
            ps.setString(5, actor.username());
            ps.setObject(6, now);
            ps.executeUpdate();
        }
    }

    private static int delete(java.sql.Connection c, String form, long id, String column, String value)
            throws java.sql.SQLException {
        String sql = "DELETE FROM `record_shares` WHERE `form_key` = ? AND `record_id` = ? AND "
                + ("username".equals(column) ? "`username` = ?" : "`department` = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, form);
            ps.setLong(2, id);
            ps.setString(3, value);
            return ps.executeUpdate();
        }
    }
}
