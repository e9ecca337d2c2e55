package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.StateConflictException;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.PlatformColumns;
import dev.formation.metadata.MetadataHolder;
import dev.formation.security.AccessPolicy;
import dev.formation.security.AuditTrail;
import dev.formation.store.BinStore;
import dev.formation.store.ListQuery;
import dev.formation.store.RecordPage;
import dev.formation.store.RecordStore;
import dev.formation.store.SqlCondition;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The recycle bin (回收站) of any form: deleted records, who deleted them and when, for users a
 * role grants {@code restore} or {@code purge} on them (the row scope of that action applies);
 * restore brings a record back with what it kept (sub-table rows, owners, shares) and the
 * records that cascaded with it, purge removes it for good once the form's days have passed.
 */
@Singleton
public class RecycleBin {

    public static final String RESTORE = "restore";
    public static final String PURGE = "purge";

    private final MetadataHolder metadata;
    private final RecordStore store;
    private final BinStore bin;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final DeleteRules rules;
    private final RecordReads reads;
    private final Rollups rollups;
    private final OwnerHistory ownerHistory;
    private final Tx tx;
    private final Clock clock;

    public RecycleBin(MetadataHolder metadata, RecordStore store, BinStore bin, AccessPolicy access, AuditTrail audit,
                      DeleteRules rules, RecordReads reads, Rollups rollups, OwnerHistory ownerHistory, Tx tx,
                      Clock clock) {
        this.ownerHistory = ownerHistory;
        this.metadata = metadata;
        this.store = store;
        this.bin = bin;
        this.access = access;
        this.audit = audit;
        this.rules = rules;
        this.reads = reads;
        this.rollups = rollups;
        this.tx = tx;
        this.clock = clock;
    }

    /** Whether the actor may open the form's bin at all. */
    public boolean mayOpen(Form form, Actor actor) {
        return access.can(actor, form, RESTORE) || access.can(actor, form, PURGE);
    }

    public boolean mayPurge(Form form, Actor actor) {
        return access.can(actor, form, PURGE);
    }

    /** A page of the deleted records the actor may restore or purge; 403 when they may do neither on the form. */
    public RecordPage list(Form form, ListQuery query, Actor actor) {
        if (!mayOpen(form, actor)) {
            throw new ForbiddenException(form.key() + " bin");
        }
        SqlCondition rows = AccessPolicy.and(binRows(form, actor), query.scope());
        RecordPage page = tx.read(c -> store.listDeleted(c, form, query.scoped(rows, null)));
        List<Map<String, Object>> items = page.items().stream().map(row -> {
            row.remove("_readable");
            Map<String, Object> item = reads.withoutHidden(form, row, actor);
            item.put("purgeable_from", purgeableFrom(form, row).toString());
            return item;
        }).toList();
        return new RecordPage(items, page.total(), page.page(), page.size(), page.totalExact());
    }

    private SqlCondition binRows(Form form, Actor actor) {
        return AccessPolicy.or(List.of(access.rows(actor, form, RESTORE), access.rows(actor, form, PURGE)));
    }

    /**
     * Brings a deleted record back, with the records that went to the bin with it: to its owner,
     * or to nobody (the pool) when that user is disabled or gone, at the status the form's
     * {@code bin.restoreStatus} declares. Refused (409) while a record it refers to is deleted.
     */
    public Map<String, Object> restore(String formKey, long id, Actor actor) {
        Form form = form(formKey);
        Map<String, Object> deleted = require(form, id, RESTORE, actor);
        LocalDateTime now = now();
        tx.write(c -> {
            LocalDateTime deletedAt = LocalDateTime.parse((String) deleted.get(PlatformColumns.DELETED_AT));
            restoreOne(c, form, id, deletedAt, (String) deleted.get("deleted_by"), actor, now, Set.of());
            return null;
        });
        return reads.withoutHidden(form, tx.read(c -> store.find(c, form, id, SqlCondition.NONE)).orElseThrow(), actor);
    }

    private void restoreOne(Connection c, Form form, long id, LocalDateTime deletedAt, String deletedBy, Actor actor,
                            LocalDateTime now, Set<String> visited) throws SQLException {
        Map<String, Object> record = store.findDeleted(c, form, id, SqlCondition.NONE)
                .orElseThrow(() -> new NotFoundException(form.key() + " " + id));
        refuseIfReferenceDeleted(c, form, record);
        String owner = (String) record.get(PlatformColumns.OWNER);
        String restoredOwner = bin.activeUser(c, owner) ? owner : null;
        String status = form.bin().restoreStatus();
        if (!bin.restore(c, form, id, restoredOwner, status, actor.realUsername(), now)) {
            throw new NotFoundException(form.key() + " " + id);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(PlatformColumns.DELETED_AT, Arrays.asList(record.get(PlatformColumns.DELETED_AT), null));
        if (!java.util.Objects.equals(owner, restoredOwner)) {
            changes.put(PlatformColumns.OWNER, Arrays.asList(owner, restoredOwner));
            ownerHistory.changed(c, form, id, owner, restoredOwner, RESTORE, actor, now);
        }
        Object oldStatus = record.get(PlatformColumns.STATUS);
        if (status != null && !status.equals(oldStatus)) {
            changes.put(PlatformColumns.STATUS, Arrays.asList(oldStatus, status));
        }
        audit.record(actor, RESTORE, form.key(), id, changes, now);
        // back among the live records: what its parents derive from their children counts it again
        Map<String, Object> restored = store.find(c, form, id, SqlCondition.NONE).orElseThrow();
        rollups.afterWrite(c, form, null, restored, Set.of());
        String self = form.key() + " " + id;
        for (DeleteRules.Referring referring : rules.referringFields(form)) {
            if (referring.field().onDelete() != dev.formation.form.OnDelete.CASCADE) {
                continue;
            }
            for (long child : bin.deletedWith(c, referring.form(), referring.field(), id, deletedAt, deletedBy)) {
                String key = referring.form().key() + " " + child;
                if (!key.equals(self) && !visited.contains(key)) {
                    Set<String> next = new java.util.HashSet<>(visited);
                    next.add(self);
                    restoreOne(c, referring.form(), child, deletedAt, deletedBy, actor, now, next);
                }
            }
        }
    }

    /** A restored record must not refer to a deleted one: that one is to be restored first. */
    private void refuseIfReferenceDeleted(Connection c, Form form, Map<String, Object> record) throws SQLException {
        FormCatalog catalog = metadata.current().get(FormCatalog.class);
        for (Field field : form.fields()) {
            if (field.valueType() != FieldType.REFERENCE || !(record.get(field.key()) instanceof Number value)) {
                continue;
            }
            Optional<Form> target = catalog.form(field.referenceForm());
            if (target.isPresent() && store.existing(c, target.get(), Set.of(value.longValue())).isEmpty()) {
                throw new StateConflictException("problem.restore.referenceDeleted", field.key(), value.longValue());
            }
        }
    }

    /**
     * Removes a deleted record for good, with the records that cascaded with it: their rows,
     * sub-table rows, owners and shares (the audit entries stay). Refused (409) before the
     * form's {@code bin.purgeAfterDays} have passed since the delete.
     */
    public void purge(String formKey, long id, Actor actor) {
        Form form = form(formKey);
        Map<String, Object> deleted = require(form, id, PURGE, actor);
        LocalDateTime now = now();
        LocalDateTime from = purgeableFrom(form, deleted);
        if (now.isBefore(from)) {
            throw new StateConflictException("problem.purge.tooEarly", form.bin().purgeAfterDays(),
                    from.toLocalDate().toString());
        }
        tx.write(c -> {
            purgeOne(c, form, id, LocalDateTime.parse((String) deleted.get(PlatformColumns.DELETED_AT)),
                    (String) deleted.get("deleted_by"), actor, now);
            return null;
        });
    }

    private void purgeOne(Connection c, Form form, long id, LocalDateTime deletedAt, String deletedBy, Actor actor,
                          LocalDateTime now) throws SQLException {
        for (DeleteRules.Referring referring : rules.referringFields(form)) {
            if (referring.field().onDelete() != dev.formation.form.OnDelete.CASCADE) {
                continue;
            }
            for (long child : bin.deletedWith(c, referring.form(), referring.field(), id, deletedAt, deletedBy)) {
                if (!(referring.form().key().equals(form.key()) && child == id)) {
                    purgeOne(c, referring.form(), child, deletedAt, deletedBy, actor, now);
                }
            }
        }
        if (bin.purge(c, form, id)) {
            audit.record(actor, PURGE, form.key(), id, null, now);
        }
    }

    private static LocalDateTime purgeableFrom(Form form, Map<String, Object> deleted) {
        return LocalDateTime.parse((String) deleted.get(PlatformColumns.DELETED_AT)).plusDays(form.bin().purgeAfterDays());
    }

    /** The deleted record if the actor may do the action on it: 404 if they cannot see it in the bin, else 403. */
    private Map<String, Object> require(Form form, long id, String action, Actor actor) {
        return tx.read(c -> store.findDeleted(c, form, id, access.rows(actor, form, action))).orElseThrow(() -> {
            boolean visible = tx.read(c -> store.findDeleted(c, form, id, binRows(form, actor))).isPresent();
            return visible ? new ForbiddenException(form.key() + " " + id + " " + action)
                    : new NotFoundException(form.key() + " " + id);
        });
    }

    private Form form(String key) {
        return metadata.current().get(FormCatalog.class).form(key).orElseThrow(() -> NotFoundException.form(key));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
