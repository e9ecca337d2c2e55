package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ValidationException;
import dev.formation.i18n.Texts;
import dev.formation.security.AccessPolicy;
import dev.formation.security.AuditTrail;
import dev.formation.security.Directory;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

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
    private final RecordShareRepository shares;
    private final RecordOwnerRepository owners;

    private final Clock clock;

    SharingService(RecordService records, Directory directory, AuditTrail audit, Tx tx, RecordShareRepository shares,
                   RecordOwnerRepository owners, Clock clock) {
        this.clock = clock;
        this.shares = shares;
        this.owners = owners;
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
            for (RecordShare share : shares.findByFormKeyAndRecordIdOrderById(form, id)) {
                if (share.username() != null) {
                    users.add(share.username());
                } else {
                    departments.add(share.department());
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
                    shares.save(new RecordShare(null, form, id, user, null, actor.username(), now));
                    added.add("user:" + user);
                }
            }
            for (String dept : departments) {
                if (!((List<?>) current.get("departments")).contains(dept)) {
                    shares.save(new RecordShare(null, form, id, null, dept, actor.username(), now));
                    added.add("department:" + dept);
                }
            }
            if (!added.isEmpty()) {
                audit.record(actor, "share", form, id, Map.of("shares", java.util.Arrays.asList(null, added)), now);
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
                removed += shares.deleteByFormKeyAndRecordIdAndUsername(form, id, user);
            }
            for (String dept : departments) {
                removed += shares.deleteByFormKeyAndRecordIdAndDepartment(form, id, dept);
            }
            if (removed > 0) {
                Set<String> gone = new LinkedHashSet<>();
                users.forEach(u -> gone.add("user:" + u));
                departments.forEach(d -> gone.add("department:" + d));
                audit.record(actor, "unshare", form, id, Map.of("shares", java.util.Arrays.asList(gone, null)), now);
            }
            return null;
        });
        return shares(form, id, actor);
    }

    /** Owners of a record: the main owner first, then added owners. */
    public List<String> owners(String form, long id, Actor actor) {
        Map<String, Object> record = records.requireAccess(form, id, AccessPolicy.READ, actor);
        List<String> out = new ArrayList<>();
        if (record.get("owner") != null) {
            out.add((String) record.get("owner"));
        }
        for (String added : tx.read(c -> owners.findUsernameByFormKeyAndRecordIdOrderById(form, id))) {
            if (!out.contains(added)) {
                out.add(added);
            }
        }
        return out;
    }

    /**
     * Adds an owner; callers have checked the right to do so (an approved owner application,
     * or an admin). Idempotent.
     */
    public void addOwner(String form, long id, String username, Actor by) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            if (owners.existsByFormKeyAndRecordIdAndUsername(form, id, username)) {
                return null;
            }
            owners.save(new RecordOwner(null, form, id, username, by.realUsername(), now));
            audit.record(by, "add_owner", form, id, Map.of("owners", java.util.Arrays.asList(null, username)), now);
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
            List<String> removed = owners.findUsernameByFormKeyAndRecordIdOrderById(form, id);
            if (removed.isEmpty()) {
                return null;
            }
            owners.deleteByFormKeyAndRecordId(form, id);
            audit.record(by, "remove_owners", form, id, Map.of("owners",
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
}
