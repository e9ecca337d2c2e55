package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.ConflictException;
import dev.formation.core.FieldError;
import dev.formation.core.NotFoundException;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.plugin.api.RecordChange;
import dev.formation.security.AuditTrail;
import dev.formation.store.RecordStore;
import dev.formation.store.StoreException;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Stores prepared writes, the same way for every path: in one transaction (joining the
 * caller's, as a flow's does) the database checks, the plugins' before-hooks, the row and its
 * child rows, the files it holds, the audit entry, a change of owner's history row, the rollups of the records it refers to
 * ({@link Rollups}), the after-hooks.
 */
@Singleton
public class WriteCommitter {

    private final RecordStore store;
    private final DatabaseChecks databaseChecks;
    private final RecordFiles recordFiles;
    private final DeleteRules deleteRules;
    private final AuditTrail audit;
    private final RecordHooks hooks;
    private final Rollups rollups;
    private final OwnerHistory ownerHistory;
    private final Tx tx;
    private final Clock clock;

    public WriteCommitter(RecordStore store, DatabaseChecks databaseChecks, RecordFiles recordFiles,
                          DeleteRules deleteRules, AuditTrail audit, RecordHooks hooks, Rollups rollups,
                          OwnerHistory ownerHistory, Tx tx, Clock clock) {
        this.ownerHistory = ownerHistory;
        this.store = store;
        this.databaseChecks = databaseChecks;
        this.recordFiles = recordFiles;
        this.deleteRules = deleteRules;
        this.audit = audit;
        this.hooks = hooks;
        this.rollups = rollups;
        this.tx = tx;
        this.clock = clock;
    }

    /** Stores the write and returns the record's id. */
    long commit(PreparedWrite w) {
        Form form = w.form();
        Map<String, Object> candidate = w.candidate();
        databaseChecks.prepareLocks(form, candidate, w.isCreate() ? null : w.stored());
        try {
            return tx.write(c -> {
                databaseChecks.lockReferenced(c, form, candidate, w.isCreate() ? null : w.stored());
                WritePreparer.throwIfAny(check(c, w));
                hooks.before(w.change(w.id()), w.locale());
                long id = w.isCreate() ? insert(c, w) : update(c, w);
                if (!w.isCreate() && w.platform().containsKey(PlatformColumns.OWNER)) {
                    ownerHistory.changed(c, form, id, (String) w.stored().get(PlatformColumns.OWNER),
                            (String) w.platform().get(PlatformColumns.OWNER), w.auditAction(), w.actor(), w.now());
                }
                audit.record(w.actor(), w.auditAction(), form.key(), id, w.isCreate()
                        ? AuditDiff.created(form, candidate) : AuditDiff.changed(form, w.stored(), candidate), w.now());
                recordFiles.relink(c, form, id, candidate, w.isCreate());
                Set<String> changed = new java.util.HashSet<>(w.changes().keySet());
                changed.addAll(w.platform().keySet());
                rollups.afterWrite(c, form, w.isCreate() ? null : w.stored(), candidate, changed);
                hooks.after(w.change(id));
                return id;
            });
        } catch (StoreException e) {
            // a unique index that fires anyway (two users saving the same name at once) is the same field error
            if (e.isUniqueViolation()) {
                WritePreparer.throwIfAny(tx.read(c -> check(c, w)));
            }
            throw e;
        }
    }

    /** The database checks alone, for a write that is only proposed. */
    void checkOnly(PreparedWrite w) {
        WritePreparer.throwIfAny(tx.read(c -> check(c, w)));
    }

    private List<FieldError> check(Connection c, PreparedWrite w) throws SQLException {
        return databaseChecks.check(c, w.form(), w.candidate(), w.id(), w.isCreate() ? null : w.stored(), w.locale());
    }

    private long insert(Connection c, PreparedWrite w) throws SQLException {
        Actor actor = w.actor();
        String owner = (String) w.candidate().getOrDefault(PlatformColumns.OWNER, actor.username());
        return store.insert(c, w.form(), new RecordStore.Stamp((String) w.candidate().get(PlatformColumns.CODE),
                owner == null ? actor.username() : owner, (String) w.candidate().get(PlatformColumns.STATUS),
                actor.realUsername(), w.now()), w.candidate());
    }

    private long update(Connection c, PreparedWrite w) throws SQLException {
        if (!store.update(c, w.form(), w.id(), w.version(), w.changes(), w.platform(), w.actor().realUsername(),
                w.now())) {
            throw conflict(c, w.form(), w.id());
        }
        return w.id();
    }

    /**
     * Soft delete, with the delete rules of the fields that refer to the record ({@link DeleteRules}):
     * a record that other live records still refer to is refused ({@link InUseException}). The
     * check holds the record's row, and a write that newly refers to it waits for that row, so
     * neither can slip past the other.
     */
    void delete(Form form, long id, Map<String, Object> stored, long version, Actor actor, Locale locale) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        RecordChange change = new HookChange(RecordChange.Operation.DELETE, form.key(), id, stored, stored,
                actor.username(), false);
        tx.write(c -> {
            store.lockLive(c, form, Set.of(id));
            hooks.before(change, locale);
            if (!store.softDelete(c, form, id, version, actor.realUsername(), now)) {
                throw conflict(c, form, id);
            }
            audit.record(actor, "delete", form.key(), id, null, now);
            // the referring records as their fields declare; a refusal rolls all of it back
            deleteRules.apply(c, form, id, actor, now);
            rollups.afterWrite(c, form, stored, null, Set.of());
            hooks.after(change);
            return null;
        });
    }

    private ConflictException conflict(Connection c, Form form, long id) throws SQLException {
        return new ConflictException(store.currentVersion(c, form, id)
                .orElseThrow(() -> new NotFoundException(form.key() + " " + id)));
    }
}
