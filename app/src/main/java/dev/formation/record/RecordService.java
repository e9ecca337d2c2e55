package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.ConflictException;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.StateConflictException;
import dev.formation.core.ValidationException;
import dev.formation.metadata.MetadataHolder;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.NumberPattern;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.security.AccessPolicy;
import dev.formation.security.AuditTrail;
import dev.formation.security.FieldAccess;
import dev.formation.store.FileLinks;
import dev.formation.store.ListQuery;
import dev.formation.store.NumberAllocator;
import dev.formation.store.RecordPage;
import dev.formation.store.RecordStore;
import dev.formation.store.SqlCondition;
import dev.formation.store.StoreException;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates, reads, changes and deletes records of any form. Every write path goes through
 * here: clean the input, merge it onto defaults or the stored record, compute, validate
 * (schema, rules, database checks), then store the row, its child rows and an audit entry in
 * one transaction.
 */
@Singleton
public class RecordService {

    private final MetadataHolder metadata;
    private final RecordStore store;
    private final RecordValidator validator;
    private final DatabaseChecks databaseChecks;
    private final NumberAllocator numbers;
    private final AuditTrail audit;
    private final Tx tx;
    private final AccessPolicy access;
    private final List<RecordGuard> guards;
    private final ReferenceCount references;
    private final RecordFiles recordFiles;
    private final FileAccess fileAccess;

    private final Clock clock;

    public RecordService(MetadataHolder metadata, RecordStore store, RecordValidator validator,
                         DatabaseChecks databaseChecks, NumberAllocator numbers, AuditTrail audit, Tx tx,
                         AccessPolicy access, List<RecordGuard> guards, ReferenceCount references,
                         RecordFiles recordFiles, FileAccess fileAccess, Clock clock) {
        this.clock = clock;
        this.references = references;
        this.access = access;
        this.recordFiles = recordFiles;
        this.fileAccess = fileAccess;
        this.guards = List.copyOf(guards);
        this.metadata = metadata;
        this.store = store;
        this.validator = validator;
        this.databaseChecks = databaseChecks;
        this.numbers = numbers;
        this.audit = audit;
        this.tx = tx;
    }

    public Form form(String key) {
        return catalog().form(key).orElseThrow(() -> NotFoundException.form(key));
    }

    /** A record the actor may read, with the fields their roles hide removed; 404 otherwise. */
    public Map<String, Object> get(String formKey, long id, Actor actor) {
        Form form = form(formKey);
        SqlCondition readable = access.rows(actor, form, AccessPolicy.READ);
        Map<String, Object> record = tx.read(c -> store.find(c, form, id, readable))
                .orElseThrow(() -> new NotFoundException(formKey + " " + id));
        return withoutHidden(form, record, actor);
    }

    /** Whether the actor may do an action on a record they can see (for showing buttons). */
    public boolean may(String formKey, long id, String action, Actor actor) {
        Form form = form(formKey);
        return tx.read(c -> store.find(c, form, id, access.rows(actor, form, action))).isPresent();
    }

    /**
     * What the actor may change on the record directly now, decided as an update would decide
     * it: empty when they may not update it at all (no permission, or the row is out of their
     * reach); else what is locked (the whole record, or some fields, each with why).
     */
    public java.util.Optional<EditLimits> editLimits(String formKey, long id, Actor actor) {
        Form form = form(formKey);
        return tx.read(c -> store.find(c, form, id, access.rows(actor, form, AccessPolicy.UPDATE)))
                .map(stored -> limits(form, stored, actor));
    }

    /** Whether the actor may delete the record now: the permission on the row, and no guard refusing it. */
    public boolean mayDelete(String formKey, long id, Actor actor) {
        Form form = form(formKey);
        return tx.read(c -> store.find(c, form, id, access.rows(actor, form, AccessPolicy.DELETE)))
                .map(stored -> guards.stream().allMatch(g -> g.deleteRefusal(form, stored, actor).isEmpty()))
                .orElse(false);
    }

    /** Whether the actor owns the record: its main owner or an added owner (its creator is not, as such). */
    public boolean owns(String formKey, long id, Actor actor) {
        Form form = form(formKey);
        return tx.read(c -> store.find(c, form, id, access.own(actor, form))).isPresent();
    }

    public boolean mayCreate(String formKey, Actor actor) {
        return access.can(actor, form(formKey), AccessPolicy.CREATE);
    }

    /**
     * Rows for an export: only those the actor may export, in pages, with hidden fields removed.
     * 403 when no role grants export on the form (seed 001: salespeople may not export).
     */
    public void export(String formKey, ListQuery query, Actor actor, java.util.function.Consumer<Map<String, Object>> sink,
                       int maxRows) {
        Form form = form(formKey);
        if (!access.can(actor, form, AccessPolicy.EXPORT)) {
            throw new ForbiddenException(formKey + " export");
        }
        SqlCondition rows = AccessPolicy.and(access.rows(actor, form, AccessPolicy.EXPORT), query.scope());
        int sent = 0;
        for (int page = 1; sent < maxRows; page++) {
            ListQuery pageQuery = new ListQuery(query.keywords(), query.filters(), query.sort(), page, ListQuery.MAX_SIZE,
                    rows, null);
            RecordPage result = tx.read(c -> store.list(c, form, pageQuery));
            for (Map<String, Object> row : result.items()) {
                row.remove("_readable");
                sink.accept(withoutHidden(form, row, actor));
                if (++sent >= maxRows) {
                    break;
                }
            }
            if (result.items().size() < ListQuery.MAX_SIZE) {
                break;
            }
        }
        int total = sent;
        tx.write(c -> {
            audit.record(c, actor, "export", formKey, null, Map.of("rows", java.util.Arrays.asList(null, total),
                    "query", java.util.Arrays.asList(null, String.join(" ", query.keywords()))),
                    LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
            return null;
        });
    }

    /** Views of a list, as in seed 001: all I may see, mine, shared by me, shared with me. */
    public enum View { ALL, MINE, SHARED_BY_ME, SHARED_WITH_ME, UNOWNED }

    public RecordPage list(String formKey, ListQuery query, Actor actor) {
        return list(formKey, query, View.ALL, actor);
    }

    /**
     * A page of the rows the actor may list, the view applied in SQL. Rows they may list but
     * not open carry only the role's list columns and {@code "_restricted": true}.
     */
    public RecordPage list(String formKey, ListQuery query, View view, Actor actor) {
        Form form = form(formKey);
        // list columns, less any field the viewer's roles hide (as the flow pages show such rows)
        List<String> listOnly = new ArrayList<>(access.listOnlyColumns(actor, form));
        listOnly.removeAll(hiddenFields(form, actor));
        // Filtering, searching or sorting by a column the viewer may not see on list-only rows would
        // reveal its values through which rows come back; such a query reaches only readable rows.
        SqlCondition visible = touchesHiddenColumns(form, query, listOnly)
                ? access.rows(actor, form, AccessPolicy.READ) : access.listRows(actor, form);
        SqlCondition rows = AccessPolicy.and(visible, query.scope());
        rows = switch (view) {
            case MINE -> AccessPolicy.and(rows, access.own(actor, form));
            case SHARED_BY_ME -> AccessPolicy.and(rows, access.sharedBy(actor, form));
            case SHARED_WITH_ME -> AccessPolicy.and(rows, access.sharedWith(actor, form));
            // records nobody owns, such as customers released to the public pool (公海)
            case UNOWNED -> AccessPolicy.and(rows, new SqlCondition("`owner` IS NULL", List.of()));
            case ALL -> rows;
        };
        ListQuery scoped = query.scoped(rows, access.rows(actor, form, AccessPolicy.READ));
        RecordPage page = tx.read(c -> store.list(c, form, scoped));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> row : page.items()) {
            boolean readable = Boolean.TRUE.equals(row.remove("_readable"));
            if (readable) {
                items.add(withoutHidden(form, row, actor));
            } else {
                Map<String, Object> restricted = new LinkedHashMap<>();
                listOnly.forEach(column -> restricted.put(column, row.get(column)));
                restricted.put("_restricted", true);
                items.add(restricted);
            }
        }
        return new RecordPage(items, page.total(), page.page(), page.size());
    }

    private static boolean touchesHiddenColumns(Form form, ListQuery query, List<String> listOnly) {
        String defaultSort = form.defaultSort().replace("-", "");
        for (String column : query.filters().keySet()) {
            if (!listOnly.contains(column)) {
                return true;
            }
        }
        for (String key : query.sort()) {
            String column = key.replace("-", "");
            if (!listOnly.contains(column) && !column.equals(defaultSort)) {
                return true;
            }
        }
        return !query.keywords().isEmpty() && !listOnly.containsAll(form.searchFields());
    }

    private Map<String, Object> withoutHidden(Form form, Map<String, Object> record, Actor actor) {
        record.keySet().removeAll(hiddenFields(form, actor));
        return record;
    }

    /** The stored record if the actor may do the action on it: 404 if they cannot even see it, else 403. */
    public Map<String, Object> requireAccess(String formKey, long id, String action, Actor actor) {
        return loadFor(form(formKey), id, action, actor);
    }

    private Map<String, Object> loadFor(Form form, long id, String action, Actor actor) {
        return tx.read(c -> store.find(c, form, id, access.rows(actor, form, action))).orElseThrow(() -> {
            boolean visible = tx.read(c -> store.find(c, form, id, access.rows(actor, form, AccessPolicy.READ)))
                    .isPresent();
            return visible ? new ForbiddenException(form.key() + " " + id + " " + action)
                    : new NotFoundException(form.key() + " " + id);
        });
    }

    private Map<String, Object> reload(Form form, long id, Actor actor) {
        return withoutHidden(form, tx.read(c -> store.find(c, form, id, SqlCondition.NONE))
                .orElseThrow(() -> new NotFoundException(form.key() + " " + id)), actor);
    }

    /** Handing a record to another owner is a transfer (seed 001), a permission of its own. */
    private void checkOwnerChange(Form form, long id, Map<String, Object> stored, Map<String, Object> input,
                                  Actor actor, Locale locale) {
        if (!input.containsKey(PlatformColumns.OWNER) || Objects.equals(stored.get(PlatformColumns.OWNER),
                input.get(PlatformColumns.OWNER))) {
            return;
        }
        boolean mayTransfer = tx.read(c -> store.find(c, form, id, access.rows(actor, form, "transfer"))).isPresent();
        if (!mayTransfer) {
            String label = form.field(PlatformColumns.OWNER).map(f -> f.label().in(locale)).orElse(PlatformColumns.OWNER);
            throw new ForbiddenException(form.key() + " transfer", List.of(new FieldError(PlatformColumns.OWNER,
                    Texts.get(locale, "validation.noFieldPermission", label))));
        }
    }

    /** Fields the actor's roles do not let them change, among those that differ from {@code base}. */
    private void checkFieldAccess(Form form, Map<String, Object> base, Map<String, Object> candidate, Actor actor,
                                  Locale locale) {
        List<FieldError> denied = new ArrayList<>();
        access.fields(actor, form).forEach((key, fieldAccess) -> {
            if (!Objects.equals(RecordStore.normalise(base.get(key)), RecordStore.normalise(candidate.get(key)))) {
                Field field = form.field(key).orElseThrow();
                denied.add(new FieldError(key, Texts.get(locale, "validation.noFieldPermission",
                        field.label().in(locale))));
            }
        });
        if (!denied.isEmpty()) {
            throw new ForbiddenException(form.key() + " fields", denied);
        }
    }

    /** A new record's starting values: defaults only, for the "new" page. */
    public Map<String, Object> blank(String formKey, Actor actor) {
        Form form = form(formKey);
        Map<String, Object> record = new LinkedHashMap<>();
        applyDefaults(form.fields(), record, actor);
        return record;
    }

    public Map<String, Object> create(String formKey, Map<String, Object> input, Actor actor, Locale locale) {
        Form form = form(formKey);
        if (!access.can(actor, form, AccessPolicy.CREATE)) {
            throw new ForbiddenException(formKey + " create");
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> clean = RecordInput.clean(form, input, null, errors, locale);
        Map<String, Object> candidate = new LinkedHashMap<>();
        applyDefaults(form.fields(), candidate, actor);
        checkFieldAccess(form, new LinkedHashMap<>(candidate), merged(candidate, clean), actor, locale);
        Object owner = clean.get(PlatformColumns.OWNER);
        if (owner != null && !owner.equals(actor.username()) && !access.can(actor, form, "transfer")) {
            // entering a record for someone else is a transfer, or a delegation (?on_behalf_of=)
            String label = form.field(PlatformColumns.OWNER).map(f -> f.label().in(locale)).orElse(PlatformColumns.OWNER);
            throw new ForbiddenException(form.key() + " owner", List.of(new FieldError(PlatformColumns.OWNER,
                    Texts.get(locale, "validation.noFieldPermission", label))));
        }
        candidate.putAll(clean);
        applyRowDefaults(form, candidate, actor);
        computeAll(form, candidate, actor);
        errors.addAll(validator.validate(form, candidate, actor, locale));
        errors.addAll(filesNotAttachable(form, Map.of(), candidate, actor, locale));
        throwIfAny(errors);
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        assignNumbers(form, candidate, now);
        String code = (String) candidate.get(PlatformColumns.CODE);
        String ownerName = (String) candidate.getOrDefault(PlatformColumns.OWNER, actor.username());
        String status = (String) candidate.get(PlatformColumns.STATUS);
        long id = writeChecked(form, candidate, null, locale, c -> {
            long newId = store.insert(c, form, new RecordStore.Stamp(code, ownerName == null ? actor.username() : ownerName,
                    status, actor.realUsername(), now), candidate);
            audit.record(c, actor, "create", form.key(), newId, AuditDiff.created(form, candidate), now);
            return newId;
        });
        return reload(form, id, actor);
    }

    private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> changes) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.putAll(changes);
        return out;
    }

    public Map<String, Object> update(String formKey, long id, Map<String, Object> input, Actor actor, Locale locale) {
        Form form = form(formKey);
        // exactly a whole number: a version that wrapped (2^64 + 1 read as 1) would pass the lock
        long expected = WholeNumbers.exactLong(input.get(PlatformColumns.VERSION)).orElseThrow(() ->
                new ValidationException(List.of(new FieldError(PlatformColumns.VERSION,
                        Texts.get(locale, "validation.version")))));
        Map<String, Object> stored = loadFor(form, id, AccessPolicy.UPDATE, actor);
        if (((Number) stored.get(PlatformColumns.VERSION)).longValue() != expected) {
            throw new ConflictException(((Number) stored.get(PlatformColumns.VERSION)).longValue());
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> clean = RecordInput.clean(form, input, stored, errors, locale);
        checkFieldAccess(form, stored, merged(stored, clean), actor, locale);
        checkOwnerChange(form, id, stored, clean, actor, locale);
        Map<String, Object> candidate = new LinkedHashMap<>(stored);
        candidate.putAll(clean);
        applyRowDefaults(form, candidate, actor);
        computeAll(form, candidate, actor);
        Map<String, Object> changes = new LinkedHashMap<>();
        Map<String, Object> platform = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            Object before = stored.get(field.key());
            Object after = candidate.get(field.key());
            if (Objects.equals(RecordStore.normalise(before), RecordStore.normalise(after))) {
                continue;
            }
            if (field.isPlatformBound()) {
                platform.put(field.key(), after);
            } else {
                changes.put(field.key(), after);
            }
        }
        EditLimits limits = limits(form, stored, actor);
        if (!changes.isEmpty() || !platform.isEmpty()) {
            // under an approval nothing changes, whatever else is wrong with the input
            limits.refuseIfWholeRecord(locale);
        }
        List<String> changed = new ArrayList<>(changes.keySet());
        changed.addAll(platform.keySet());
        errors.addAll(limits.errors(changed, locale));
        errors.addAll(validator.validate(form, candidate, actor, locale));
        errors.addAll(filesNotAttachable(form, stored, candidate, actor, locale));
        throwIfAny(errors);
        if (changes.isEmpty() && platform.isEmpty()) {
            return withoutHidden(form, stored, actor);
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        writeChecked(form, candidate, id, stored, locale, c -> {
            if (!store.update(c, form, id, expected, changes, platform, actor.realUsername(), now)) {
                throw new ConflictException(store.currentVersion(c, form, id)
                        .orElseThrow(() -> new NotFoundException(formKey + " " + id)));
            }
            audit.record(c, actor, "update", form.key(), id, AuditDiff.changed(form, stored, candidate), now);
            return id;
        });
        return reload(form, id, actor);
    }

    /**
     * Soft delete; {@code expectedVersion} null deletes whatever the version. A record that
     * other live records refer to is refused ({@link InUseException}): the check holds the
     * record's row, and a write that newly refers to it waits for that row, so neither can slip
     * past the other.
     */
    public void delete(String formKey, long id, Long expectedVersion, Actor actor) {
        Form form = form(formKey);
        Map<String, Object> stored = loadFor(form, id, AccessPolicy.DELETE, actor);
        long version = expectedVersion == null ? ((Number) stored.get(PlatformColumns.VERSION)).longValue()
                : expectedVersion;
        for (RecordGuard guard : guards) {
            guard.deleteRefusal(form, stored, actor).ifPresent(why -> {
                throw new StateConflictException(why.textKey(), why.localised(Locale.getDefault()));
            });
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            store.lockLive(c, form, java.util.Set.of(id));
            List<InUseException.Referrers> referrers = references.referrers(c, form, id);
            if (!referrers.isEmpty()) {
                throw new InUseException(formKey + " " + id, referrers);
            }
            if (!store.softDelete(c, form, id, version, actor.realUsername(), now)) {
                throw new ConflictException(store.currentVersion(c, form, id)
                        .orElseThrow(() -> new NotFoundException(formKey + " " + id)));
            }
            audit.record(c, actor, "delete", form.key(), id, null, now);
            return null;
        });
    }

    /**
     * Checks proposed changes as if they were applied, without writing anything: the field
     * → [before, after] of each value that would change. For a change request, which stores
     * the proposal and applies it only on approval. Permission is the caller's decision.
     */
    public Map<String, List<Object>> proposeChanges(String formKey, long id, Map<String, Object> input, Actor actor,
                                                    Locale locale) {
        Form form = form(formKey);
        Map<String, Object> stored = tx.read(c -> store.find(c, form, id, SqlCondition.NONE))
                .orElseThrow(() -> new NotFoundException(formKey + " " + id));
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> clean = RecordInput.clean(form, input, stored, errors, locale);
        Map<String, Object> candidate = new LinkedHashMap<>(stored);
        candidate.putAll(clean);
        applyRowDefaults(form, candidate, actor);
        computeAll(form, candidate, actor);
        errors.addAll(validator.validate(form, candidate, actor, locale));
        throwIfAny(errors);
        throwIfAny(tx.read(c -> databaseChecks.check(c, form, candidate, id, stored, locale)));
        Map<String, List<Object>> diff = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            Object before = RecordStore.normalise(stored.get(field.key()));
            Object after = RecordStore.normalise(candidate.get(field.key()));
            if (!Objects.equals(before, after) && !field.isSystemSet()) {
                diff.put(field.key(), java.util.Arrays.asList(stored.get(field.key()), candidate.get(field.key())));
            }
        }
        return diff;
    }

    /**
     * A change the engine makes on a flow's behalf (an outcome's status and fields, an approved
     * change set, an approver's entries): validated and audited like any update, including
     * platform columns such as status and owner, with the flow having decided who may.
     * Joins the caller's transaction.
     */
    public Map<String, Object> applyForFlow(String formKey, long id, Map<String, Object> input, Actor actor,
                                            String auditAction, Locale locale) {
        Form form = form(formKey);
        Map<String, Object> stored = tx.read(c -> store.find(c, form, id, SqlCondition.NONE))
                .orElseThrow(() -> new NotFoundException(formKey + " " + id));
        Map<String, Object> fieldInput = new LinkedHashMap<>(input);
        Map<String, Object> platformInput = new LinkedHashMap<>();
        for (String column : List.of(PlatformColumns.STATUS, PlatformColumns.OWNER)) {
            if (fieldInput.containsKey(column)) {
                platformInput.put(column, fieldInput.remove(column));
            }
        }
        // read-only fields are the ones "the system or a flow sets": the flow sets them here
        Map<String, Object> flowSet = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (field.readOnly() && !field.type().isGenerated() && fieldInput.containsKey(field.key())) {
                flowSet.put(field.key(), fieldInput.remove(field.key()));
            }
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> candidate = new LinkedHashMap<>(stored);
        candidate.putAll(RecordInput.clean(form, fieldInput, stored, errors, locale));
        candidate.putAll(flowSet);
        candidate.putAll(platformInput);
        applyRowDefaults(form, candidate, actor);
        computeAll(form, candidate, actor);
        errors.addAll(validator.validate(form, candidate, actor, locale));
        throwIfAny(errors);
        Map<String, Object> changes = new LinkedHashMap<>();
        Map<String, Object> platform = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (Objects.equals(RecordStore.normalise(stored.get(field.key())),
                    RecordStore.normalise(candidate.get(field.key())))) {
                continue;
            }
            (field.isPlatformBound() ? platform : changes).put(field.key(), candidate.get(field.key()));
        }
        platformInput.forEach((column, value) -> {
            if (form.field(column).isEmpty() && !Objects.equals(stored.get(column), value)) {
                platform.put(column, value);
            }
        });
        if (changes.isEmpty() && platform.isEmpty()) {
            return stored;
        }
        long expected = ((Number) stored.get(PlatformColumns.VERSION)).longValue();
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        writeChecked(form, candidate, id, stored, locale, c -> {
            if (!store.update(c, form, id, expected, changes, platform, actor.realUsername(), now)) {
                throw new ConflictException(store.currentVersion(c, form, id)
                        .orElseThrow(() -> new NotFoundException(formKey + " " + id)));
            }
            audit.record(c, actor, auditAction, form.key(), id, AuditDiff.changed(form, stored, candidate), now);
            return id;
        });
        return tx.read(c -> store.find(c, form, id, SqlCondition.NONE)).orElseThrow();
    }

    /** The stored record whoever asks, for the engine's own decisions (conditions, assignees). */
    public Map<String, Object> stored(String formKey, long id) {
        Form form = form(formKey);
        return tx.read(c -> store.find(c, form, id, SqlCondition.NONE))
                .orElseThrow(() -> new NotFoundException(formKey + " " + id));
    }

    /**
     * How much of a record the actor may see where it is shown beside something else (a flow
     * instance, a history): as a reader when they may read it, or when {@code readsThroughTask}
     * (the engine lets the assignees of a record's flow read it); else its list columns when
     * their roles list it; else nothing but its id. Field access applies in every case.
     */
    public RecordSight sight(String formKey, long id, Actor actor, boolean readsThroughTask) {
        Form form = form(formKey);
        if (readsThroughTask || may(formKey, id, AccessPolicy.READ, actor)) {
            return RecordSight.reader(hiddenFields(form, actor));
        }
        boolean listed = tx.read(c -> store.find(c, form, id, access.listRows(actor, form))).isPresent();
        if (!listed) {
            return RecordSight.none();
        }
        List<String> columns = new ArrayList<>(access.listOnlyColumns(actor, form));
        columns.removeAll(hiddenFields(form, actor));
        return RecordSight.lister(columns);
    }

    private java.util.Set<String> hiddenFields(Form form, Actor actor) {
        java.util.Set<String> hidden = new java.util.HashSet<>();
        access.fields(actor, form).forEach((field, fieldAccess) -> {
            if (fieldAccess == FieldAccess.HIDDEN) {
                hidden.add(field);
            }
        });
        return hidden;
    }

    private interface Write {
        long run(Connection c) throws SQLException;
    }

    /**
     * Runs a write after the database checks, in one transaction. A unique index that fires
     * anyway (two users saving the same name at once) becomes the same field error.
     */
    private long writeChecked(Form form, Map<String, Object> candidate, Long id, Locale locale, Write write) {
        return writeChecked(form, candidate, id, null, locale, write);
    }

    private long writeChecked(Form form, Map<String, Object> candidate, Long id, Map<String, Object> stored,
                              Locale locale, Write write) {
        try {
            return tx.write(c -> {
                databaseChecks.lockReferenced(c, form, candidate, stored);
                List<FieldError> dbErrors = databaseChecks.check(c, form, candidate, id, stored, locale);
                throwIfAny(dbErrors);
                long written = write.run(c);
                recordFiles.relink(c, form, written, candidate);
                return written;
            });
        } catch (StoreException e) {
            if (e.isUniqueViolation()) {
                List<FieldError> dbErrors = tx.read(c -> databaseChecks.check(c, form, candidate, id, stored, locale));
                if (!dbErrors.isEmpty()) {
                    throw new ValidationException(dbErrors);
                }
            }
            throw e;
        }
    }

    /**
     * Files the user puts into the record that it did not hold before must be ones they may read:
     * their own fresh uploads, or files of records they may read. Otherwise knowing a file's id
     * would be enough to attach it and read it through the record.
     */
    public List<FieldError> filesNotAttachable(Form form, Map<String, Object> stored, Map<String, Object> candidate,
                                               Actor actor, Locale locale) {
        Set<String> before = new HashSet<>();
        FileLinks.held(form, stored).forEach(h -> before.add(h.fileId()));
        List<FileLinks.Held> added = FileLinks.held(form, candidate).stream()
                .filter(h -> !before.contains(h.fileId())).toList();
        Set<String> refused = fileAccess.notAttachable(added.stream()
                .map(FileLinks.Held::fileId).toList(), actor);
        List<FieldError> errors = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        for (FileLinks.Held h : added) {
            if (refused.contains(h.fileId()) && paths.add(h.path())) {
                String label = labelAt(form, h, locale);
                errors.add(new FieldError(h.path(), Texts.get(locale, "validation.file", label)));
            }
        }
        return errors;
    }

    /** The label of the field at a value's path: the column's for a sub-table row. */
    private static String labelAt(Form form, FileLinks.Held held, Locale locale) {
        Optional<Field> field = form.field(held.fieldKey());
        if (field.isPresent() && field.get().isTable() && held.path().contains(".")) {
            String column = held.path().substring(held.path().lastIndexOf('.') + 1);
            field = field.get().children().stream().filter(f -> f.key().equals(column)).findFirst().or(() -> form.field(held.fieldKey()));
        }
        return field.map(f -> f.label().in(locale)).orElse(held.fieldKey());
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /**
     * What the actor may not change directly on the stored record: fields read-only in its state
     * ({@code readOnlyWhen}) and what every guard says (a record under approval, change-request
     * fields). The update enforces exactly this, and {@link #editLimits} tells pages.
     */
    private EditLimits limits(Form form, Map<String, Object> stored, Actor actor) {
        Map<String, Object> vars = ExpressionVariables.of(form, stored, actor);
        Map<String, EditLimits.Reason> readOnly = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (field.readOnlyWhen() != null && field.readOnlyWhen().test(vars, clock)) {
                readOnly.put(field.key(), EditLimits.Reason.of("validation.readOnly", field.label()));
            }
        }
        EditLimits out = EditLimits.fields(readOnly);
        for (RecordGuard guard : guards) {
            out = out.and(guard.limits(form, stored, actor));
        }
        return out;
    }

    private void applyDefaults(List<Field> fields, Map<String, Object> target, Actor actor) {
        for (Field field : fields) {
            if (field.defaultValue() != null && target.get(field.key()) == null) {
                target.put(field.key(), defaultValue(field, actor));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void applyRowDefaults(Form form, Map<String, Object> candidate, Actor actor) {
        for (Field table : form.tableFields()) {
            if (candidate.get(table.key()) instanceof List<?> rows) {
                for (Object row : rows) {
                    if (row instanceof Map<?, ?> map) {
                        Map<String, Object> r = (Map<String, Object>) map;
                        if (r.get("id") == null) {
                            table.children().forEach(child -> {
                                if (child.defaultValue() != null && !r.containsKey(child.key())) {
                                    r.put(child.key(), defaultValue(child, actor));
                                }
                            });
                        }
                    }
                }
            }
        }
    }

    private Object defaultValue(Field field, Actor actor) {
        Object value = field.defaultValue();
        if (value instanceof String s) {
            return switch (s) {
                case "$now" -> LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
                case "$today" -> LocalDate.now(clock).toString();
                case "$user" -> actor.username();
                case "$department" -> actor.department();
                default -> s;
            };
        }
        if (value instanceof Number n && field.valueType().isNumeric()) {
            return new BigDecimal(n.toString());
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private void computeAll(Form form, Map<String, Object> candidate, Actor actor) {
        for (Field table : form.tableFields()) {
            List<Field> computed = table.children().stream().filter(f -> f.type() == FieldType.COMPUTED).toList();
            if (computed.isEmpty() || !(candidate.get(table.key()) instanceof List<?> rows)) {
                continue;
            }
            Map<String, Object> vars = ExpressionVariables.of(form, candidate, actor);
            for (Object row : rows) {
                if (row instanceof Map<?, ?> map) {
                    Map<String, Object> r = (Map<String, Object>) map;
                    for (Field f : computed) {
                        r.put(f.key(), computedValue(f, f.expression().evaluate(ExpressionVariables.row(vars, table, r), clock)));
                    }
                }
            }
        }
        for (Field field : form.fields()) {
            if (field.type() == FieldType.COMPUTED) {
                Map<String, Object> vars = ExpressionVariables.of(form, candidate, actor);
                candidate.put(field.key(), computedValue(field, field.expression().evaluate(vars, clock)));
            }
        }
    }

    /** Shapes an expression's result to the field's result type; what cannot fit is null. */
    private static Object computedValue(Field field, Object value) {
        if (value == null) {
            return null;
        }
        return switch (field.resultType()) {
            case NUMBER, MONEY, PERCENT, INTEGER -> value instanceof BigDecimal d
                    ? d.setScale(field.resultType() == FieldType.INTEGER ? 0 : field.scale(), RoundingMode.HALF_UP)
                    : null;
            case DATE -> value instanceof LocalDate d ? d.toString() : null;
            case BOOLEAN -> value instanceof Boolean ? value : null;
            default -> value.toString();
        };
    }

    private void assignNumbers(Form form, Map<String, Object> candidate, LocalDateTime now) {
        candidate.put(PlatformColumns.CODE, number(form.key() + ".code", form.codePattern(), now));
        for (Field field : form.fields()) {
            if (field.type() == FieldType.AUTONUMBER && !field.isPlatformBound()) {
                String pattern = field.numberPattern() == null ? "{seq:6}" : field.numberPattern();
                candidate.put(field.key(), number(form.key() + "." + field.key(), pattern, now));
            }
        }
    }

    private String number(String counter, String patternText, LocalDateTime now) {
        NumberPattern pattern = NumberPattern.parse(patternText);
        long seq = numbers.next(counter + "|" + pattern.periodKey(now));
        return pattern.format(now, seq);
    }

    private FormCatalog catalog() {
        return metadata.current().get(FormCatalog.class);
    }
}
