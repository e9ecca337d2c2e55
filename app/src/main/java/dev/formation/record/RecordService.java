package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.ConflictException;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.StateConflictException;
import dev.formation.core.ValidationException;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataHolder;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.security.AccessPolicy;
import dev.formation.store.ListQuery;
import dev.formation.store.RecordPage;
import dev.formation.store.RecordStore;
import dev.formation.store.SqlCondition;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Creates, reads, changes and deletes records of any form: what pages, the API, flows and the
 * demo call. It decides whether the actor may write at all; every write is then prepared once
 * ({@link WritePreparer}) and stored once ({@link WriteCommitter}), whichever path made it.
 */
@Singleton
public class RecordService {

    private final MetadataHolder metadata;
    private final RecordStore store;
    private final Tx tx;
    private final AccessPolicy access;
    private final WritePreparer preparer;
    private final WriteCommitter committer;
    private final WriteAccess writeAccess;
    private final RecordHooks hooks;
    private final RecordReads reads;
    private final RecycleBin recycleBin;
    private final DayPrefill dayPrefill;
    private final RecordProgress progress;

    public RecordService(MetadataHolder metadata, RecordStore store, Tx tx, AccessPolicy access, WritePreparer preparer,
                         WriteCommitter committer, WriteAccess writeAccess, RecordHooks hooks, RecordReads reads,
                         RecycleBin recycleBin, DayPrefill dayPrefill, RecordProgress progress) {
        this.dayPrefill = dayPrefill;
        this.progress = progress;
        this.metadata = metadata;
        this.store = store;
        this.tx = tx;
        this.access = access;
        this.preparer = preparer;
        this.committer = committer;
        this.writeAccess = writeAccess;
        this.hooks = hooks;
        this.reads = reads;
        this.recycleBin = recycleBin;
    }

    public Form form(String key) {
        return metadata.current().get(FormCatalog.class).form(key).orElseThrow(() -> NotFoundException.form(key));
    }

    /** A record the actor may read, with the fields their roles hide removed; 404 otherwise. */
    public Map<String, Object> get(String formKey, long id, Actor actor) {
        Form form = form(formKey);
        SqlCondition readable = access.rows(actor, form, AccessPolicy.READ);
        Map<String, Object> record = tx.read(c -> store.find(c, form, id, readable))
                .orElseThrow(() -> new NotFoundException(formKey + " " + id));
        return reads.withoutHidden(form, record, actor);
    }

    /** Whether the actor may do an action on a record they can see (for showing buttons). */
    public boolean may(String formKey, long id, String action, Actor actor) {
        Form form = form(formKey);
        return find(form, id, access.rows(actor, form, action)).isPresent();
    }

    /**
     * What the actor may change on the record directly now, decided as an update would decide
     * it: empty when they may not update it at all (no permission, or the row is out of their
     * reach); else what is locked (the whole record, or some fields, each with why).
     */
    public Optional<EditLimits> editLimits(String formKey, long id, Actor actor) {
        Form form = form(formKey);
        return find(form, id, access.rows(actor, form, AccessPolicy.UPDATE))
                .map(stored -> hooks.limits(form, stored, actor));
    }

    /** Whether the actor may delete the record now: the permission on the row, and no hook refusing it. */
    public boolean mayDelete(String formKey, long id, Actor actor) {
        Form form = form(formKey);
        return find(form, id, access.rows(actor, form, AccessPolicy.DELETE))
                .map(stored -> hooks.deleteRefusal(form, stored, actor).isEmpty())
                .orElse(false);
    }

    /** Whether the actor owns the record: its main owner or an added owner (its creator is not, as such). */
    public boolean owns(String formKey, long id, Actor actor) {
        Form form = form(formKey);
        return find(form, id, access.own(actor, form)).isPresent();
    }

    public boolean mayCreate(String formKey, Actor actor) {
        return access.can(actor, form(formKey), AccessPolicy.CREATE);
    }

    /**
     * Rows for an export: only those the actor may export (the list's keywords and filters
     * applied), page by page in id order, hidden fields removed, sub-table rows included; audited
     * with the file format. 403 when no role grants export on the form (seed 001: salespeople
     * may not export).
     */
    public void export(String formKey, ListQuery query, Actor actor, String format,
                       Consumer<List<Map<String, Object>>> pages, int maxRows) {
        Form form = form(formKey);
        requireExport(form, actor);
        reads.export(form, query, actor, format, pages, maxRows);
    }

    /** 403 unless some role of the actor may export the form; checked before a file is started. */
    public void requireExport(Form form, Actor actor) {
        if (!access.can(actor, form, AccessPolicy.EXPORT)) {
            throw new ForbiddenException(form.key() + " export");
        }
    }

    /** The fields the actor's roles hide on the form: an export leaves their columns out. */
    public Set<String> hiddenFields(String formKey, Actor actor) {
        return reads.hiddenFields(form(formKey), actor);
    }

    /** Views of a list, as in seed 001: all I may see, mine, shared by me, shared with me; and the recycle bin. */
    public enum View { ALL, MINE, SHARED_BY_ME, SHARED_WITH_ME, UNOWNED, DELETED }

    public RecordPage list(String formKey, ListQuery query, Actor actor) {
        return list(formKey, query, View.ALL, actor);
    }

    /**
     * A page of the rows the actor may list, the view applied in SQL. Rows they may list but
     * not open carry only the role's list columns and {@code "_restricted": true}.
     */
    public RecordPage list(String formKey, ListQuery query, View view, Actor actor) {
        if (view == View.DELETED) {
            return recycleBin.list(form(formKey), query, actor);
        }
        return reads.list(form(formKey), query, view, actor);
    }

    /** The stored record if the actor may do the action on it: 404 if they cannot even see it, else 403. */
    public Map<String, Object> requireAccess(String formKey, long id, String action, Actor actor) {
        return loadFor(form(formKey), id, action, actor);
    }

    private Map<String, Object> loadFor(Form form, long id, String action, Actor actor) {
        return find(form, id, access.rows(actor, form, action)).orElseThrow(() -> {
            boolean visible = find(form, id, access.rows(actor, form, AccessPolicy.READ)).isPresent();
            return visible ? new ForbiddenException(form.key() + " " + id + " " + action)
                    : new NotFoundException(form.key() + " " + id);
        });
    }

    private Optional<Map<String, Object>> find(Form form, long id, SqlCondition scope) {
        return tx.read(c -> store.find(c, form, id, scope));
    }

    private Map<String, Object> stored(Form form, long id) {
        return find(form, id, SqlCondition.NONE).orElseThrow(() -> new NotFoundException(form.key() + " " + id));
    }

    /** A new record's starting values: defaults only, for the "new" page. */
    public Map<String, Object> blank(String formKey, Actor actor) {
        return preparer.blank(form(formKey), actor);
    }

    /**
     * What a new record's page (or the API's blank record) opens with: the defaults, and the
     * fields the form's {@code daySummary} fills from the actor's records of the day.
     */
    public Map<String, Object> blankFilled(String formKey, Actor actor, Locale locale) {
        return blankFilled(formKey, actor, locale, null);
    }

    /** @param day the day a {@code daySummary} summarises instead of its day field's default (400 if not a date) */
    public Map<String, Object> blankFilled(String formKey, Actor actor, Locale locale, String day) {
        Form form = form(formKey);
        Map<String, Object> blank = preparer.blank(form, actor);
        dayPrefill.fill(form, blank, actor, locale, day);
        return blank;
    }

    /**
     * A record's progress on its goals, computed now (the form's {@code progress}), from the
     * record as the actor reads it; empty when the form declares none.
     */
    public List<Map<String, Object>> progress(String formKey, Map<String, Object> record, Locale locale) {
        return progress.of(form(formKey), record, locale);
    }

    public Map<String, Object> create(String formKey, Map<String, Object> input, Actor actor, Locale locale) {
        Form form = form(formKey);
        if (!access.can(actor, form, AccessPolicy.CREATE)) {
            throw new ForbiddenException(formKey + " create");
        }
        long id = committer.commit(preparer.create(form, input, actor, locale));
        return reads.withoutHidden(form, stored(form, id), actor);
    }

    public Map<String, Object> update(String formKey, long id, Map<String, Object> input, Actor actor, Locale locale) {
        Form form = form(formKey);
        // exactly a whole number: a version that wrapped (2^64 + 1 read as 1) would pass the lock
        long expected = WholeNumbers.exactLong(input.get(PlatformColumns.VERSION)).orElseThrow(() ->
                new ValidationException(List.of(new FieldError(PlatformColumns.VERSION,
                        Texts.get(locale, "validation.version")))));
        Map<String, Object> stored = loadFor(form, id, AccessPolicy.UPDATE, actor);
        long version = ((Number) stored.get(PlatformColumns.VERSION)).longValue();
        if (version != expected) {
            throw new ConflictException(version);
        }
        PreparedWrite write = preparer.update(form, id, stored, expected, input, actor, locale);
        if (write.changesNothing()) {
            return reads.withoutHidden(form, stored, actor);
        }
        committer.commit(write);
        return reads.withoutHidden(form, stored(form, id), actor);
    }

    /**
     * Soft delete; {@code expectedVersion} null deletes whatever the version. A record that
     * other live records refer to is refused ({@link InUseException}).
     */
    public void delete(String formKey, long id, Long expectedVersion, Actor actor) {
        Form form = form(formKey);
        Map<String, Object> stored = loadFor(form, id, AccessPolicy.DELETE, actor);
        long version = expectedVersion == null ? ((Number) stored.get(PlatformColumns.VERSION)).longValue()
                : expectedVersion;
        hooks.deleteRefusal(form, stored, actor).ifPresent(why -> {
            throw new StateConflictException(why.textKey(), why.localised(Locale.getDefault()));
        });
        committer.delete(form, id, stored, version, actor, Locale.getDefault());
    }

    /**
     * Checks proposed changes as if they were applied, without writing anything: the field
     * → [before, after] of each value that would change. For a change request, which stores
     * the proposal and applies it only on approval. Permission is the caller's decision.
     */
    public Map<String, List<Object>> proposeChanges(String formKey, long id, Map<String, Object> input, Actor actor,
                                                    Locale locale) {
        Form form = form(formKey);
        Map<String, Object> stored = stored(form, id);
        PreparedWrite write = preparer.proposal(form, id, stored, input, actor, locale);
        committer.checkOnly(write);
        Map<String, List<Object>> diff = new LinkedHashMap<>();
        form.fields().stream().filter(field -> !field.isSystemSet()).forEach(field -> {
            Object before = stored.get(field.key());
            Object after = write.candidate().get(field.key());
            if (!Objects.equals(RecordStore.normalise(before), RecordStore.normalise(after))) {
                diff.put(field.key(), Arrays.asList(before, after));
            }
        });
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
        Map<String, Object> stored = stored(form, id);
        PreparedWrite write = preparer.forFlow(form, id, stored, input, actor, auditAction, locale);
        if (write.changesNothing()) {
            return stored;
        }
        committer.commit(write);
        return stored(form, id);
    }

    /** The stored record whoever asks, for the engine's own decisions (conditions, assignees). */
    public Map<String, Object> stored(String formKey, long id) {
        return stored(form(formKey), id);
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
            return RecordSight.reader(reads.hiddenFields(form, actor));
        }
        if (find(form, id, access.listRows(actor, form)).isEmpty()) {
            return RecordSight.none();
        }
        List<String> columns = new ArrayList<>(access.listOnlyColumns(actor, form));
        columns.removeAll(reads.hiddenFields(form, actor));
        return RecordSight.lister(columns);
    }

    /**
     * Files the user puts into the record that it did not hold before must be ones they may read
     * ({@link WriteAccess#filesNotAttachable}); flows ask it of what an approver or requester adds.
     */
    public List<FieldError> filesNotAttachable(Form form, Map<String, Object> stored, Map<String, Object> candidate,
                                               Actor actor, Locale locale) {
        return writeAccess.filesNotAttachable(form, stored, candidate, actor, locale);
    }
}
