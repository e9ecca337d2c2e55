package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.ConflictException;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.security.AccessPolicy;
import dev.formation.store.RecordStore;
import dev.formation.store.SqlCondition;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Record writes for a batch that brings many records in at once (a spreadsheet import): each one
 * prepared and stored exactly as a user's own create or update through the API (every rule,
 * permission, uniqueness check, hook and rollup), audited as {@code import}; and undone again,
 * each only while nobody has changed it since. The caller holds the transaction.
 */
@Singleton
public class RecordImports {

    /**
     * What a write did: the record, whether it was new, its version after the write, and for a
     * change the values it replaced (field → value; empty when the row already held the same).
     */
    public record Written(long id, boolean inserted, long versionAfter, Map<String, Object> before) {
    }

    private final RecordStore store;
    private final Tx tx;
    private final AccessPolicy access;
    private final WritePreparer preparer;
    private final WriteCommitter committer;

    RecordImports(RecordStore store, Tx tx, AccessPolicy access, WritePreparer preparer, WriteCommitter committer) {
        this.store = store;
        this.tx = tx;
        this.access = access;
        this.preparer = preparer;
        this.committer = committer;
    }

    /** The live records of the form whose {@code column} holds one of {@code values} (value as text → ids). */
    public Map<String, List<Long>> idsHolding(Form form, String column, Collection<?> values) {
        return tx.read(c -> store.liveIdsHolding(c, form, column, values));
    }

    /** A new record from one row, as the actor's own create would store it. */
    public Written insert(Form form, Map<String, Object> input, Actor actor, Locale locale) {
        if (!access.can(actor, form, AccessPolicy.CREATE)) {
            throw new ForbiddenException(form.key() + " create");
        }
        long id = committer.commit(preparer.create(form, input, actor, locale).auditedAs("import"));
        return new Written(id, true, 1, null);
    }

    /**
     * A change of the record {@code id} from one row, as the actor's own update would store it:
     * 404 when they cannot see it, 403 when they may not change it.
     */
    public Written update(Form form, long id, Map<String, Object> input, Actor actor, Locale locale) {
        Map<String, Object> stored = find(form, id, access.rows(actor, form, AccessPolicy.UPDATE)).orElseThrow(() ->
                find(form, id, access.rows(actor, form, AccessPolicy.READ)).isPresent()
                        ? new ForbiddenException(form.key() + " " + id + " update")
                        : new NotFoundException(form.key() + " " + id));
        long version = ((Number) stored.get(PlatformColumns.VERSION)).longValue();
        PreparedWrite write = preparer.update(form, id, stored, version, input, actor, locale).auditedAs("import");
        if (write.changesNothing()) {
            return new Written(id, false, version, Map.of());
        }
        committer.commit(write);
        Map<String, Object> before = new LinkedHashMap<>();
        write.changes().keySet().forEach(key -> before.put(key, stored.get(key)));
        write.platform().keySet().forEach(key -> before.put(key, stored.get(key)));
        return new Written(id, false, version + 1, before);
    }

    /** Why an imported record stays (empty: it was removed): changed or deleted since, or in use. */
    public Optional<Kept> removeInserted(Form form, long id, long versionAfter, Actor actor, Locale locale) {
        Optional<Map<String, Object>> stored = find(form, id, SqlCondition.NONE);
        if (stored.isEmpty()) {
            return Optional.of(Kept.GONE);
        }
        if (((Number) stored.get().get(PlatformColumns.VERSION)).longValue() != versionAfter) {
            return Optional.of(Kept.CHANGED);
        }
        try {
            committer.delete(form, id, stored.get(), versionAfter, actor, locale);
            return Optional.empty();
        } catch (ConflictException e) {
            return Optional.of(Kept.CHANGED);
        } catch (InUseException e) {
            return Optional.of(Kept.IN_USE);
        }
    }

    /** Puts back what an import's change replaced, unless the record has changed since. */
    public Optional<Kept> restoreChanged(Form form, long id, long versionAfter, Map<String, Object> before, Actor actor,
                                         Locale locale) {
        Optional<Map<String, Object>> stored = find(form, id, SqlCondition.NONE);
        if (stored.isEmpty()) {
            return Optional.of(Kept.GONE);
        }
        if (((Number) stored.get().get(PlatformColumns.VERSION)).longValue() != versionAfter) {
            return Optional.of(Kept.CHANGED);
        }
        Map<String, Object> input = new LinkedHashMap<>();
        before.forEach((key, value) -> input.put(key, form.field(key).filter(Field::isTable).isPresent()
                ? withoutRowIds(value) : value));
        PreparedWrite write = preparer.forFlow(form, id, stored.get(), input, actor, "import_revert", locale);
        if (!write.changesNothing()) {
            committer.commit(write);
        }
        return Optional.empty();
    }

    /** Why a reverted import left a record as it is. */
    public enum Kept { CHANGED, GONE, IN_USE }

    /** Sub-table rows as they were, without the ids of rows the change replaced: stored again as new rows. */
    private static Object withoutRowIds(Object rows) {
        if (!(rows instanceof List<?> list)) {
            return rows;
        }
        return list.stream().map(row -> {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) row).forEach((k, v) -> {
                if (!PlatformColumns.ID.equals(k)) {
                    copy.put(String.valueOf(k), v);
                }
            });
            return (Object) copy;
        }).toList();
    }

    private Optional<Map<String, Object>> find(Form form, long id, SqlCondition scope) {
        return tx.read(c -> store.find(c, form, id, scope));
    }
}
