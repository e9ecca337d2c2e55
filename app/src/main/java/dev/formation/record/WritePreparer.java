package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ValidationException;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.store.RecordStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Prepares a record write for every path: cleans the input, merges it onto defaults or the
 * stored row, fills row defaults and computed values, validates, and splits off what changes.
 * Each path differs only in what it checks of the actor: a user's direct write passes field
 * access, owner transfer, attached files and the hooks' limits; the engine's writes on a flow's
 * behalf may set status, owner and read-only fields, the flow having decided who may.
 * Permission to write at all is the caller's decision, as is storing ({@link WriteCommitter}).
 */
@Singleton
public class WritePreparer {

    private final RecordValidator validator;
    private final RecordValues values;
    private final WriteAccess writeAccess;
    private final RecordHooks hooks;
    private final Clock clock;

    public WritePreparer(RecordValidator validator, RecordValues values, WriteAccess writeAccess, RecordHooks hooks,
                         Clock clock) {
        this.validator = validator;
        this.values = values;
        this.writeAccess = writeAccess;
        this.hooks = hooks;
        this.clock = clock;
    }

    /** A new record's starting values: defaults only. */
    Map<String, Object> blank(Form form, Actor actor) {
        Map<String, Object> record = new LinkedHashMap<>();
        values.applyDefaults(form.fields(), record, actor);
        return record;
    }

    /** A user's new record, numbered once it is valid. */
    PreparedWrite create(Form form, Map<String, Object> input, Actor actor, Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> clean = RecordInput.clean(form, input, null, errors, locale);
        Map<String, Object> defaults = blank(form, actor);
        writeAccess.checkFields(form, defaults, merged(defaults, clean), actor, locale);
        writeAccess.checkNewOwner(form, clean, actor, locale);
        Map<String, Object> candidate = candidate(form, defaults, clean, actor);
        errors.addAll(validator.validate(form, candidate, actor, locale));
        errors.addAll(writeAccess.filesNotAttachable(form, Map.of(), candidate, actor, locale));
        throwIfAny(errors);
        LocalDateTime now = now();
        values.assignNumbers(form, candidate, now);
        return new PreparedWrite(form, null, Map.of(), candidate, Map.of(), Map.of(), 0, actor, false, "create", now,
                locale);
    }

    /** A user's change of the stored record, refused where the hooks lock it. */
    PreparedWrite update(Form form, long id, Map<String, Object> stored, long version, Map<String, Object> input,
                         Actor actor, Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> clean = RecordInput.clean(form, input, stored, errors, locale);
        writeAccess.checkFields(form, stored, merged(stored, clean), actor, locale);
        writeAccess.checkOwnerChange(form, id, stored, clean, actor, locale);
        Map<String, Object> candidate = candidate(form, stored, clean, actor);
        PreparedWrite write = changeOf(form, id, stored, version, candidate, Map.of(), actor, false, "update", locale);
        EditLimits limits = hooks.limits(form, stored, actor);
        List<String> changed = new ArrayList<>(write.changes().keySet());
        changed.addAll(write.platform().keySet());
        if (!changed.isEmpty()) {
            // under an approval nothing changes, whatever else is wrong with the input
            limits.refuseIfWholeRecord(locale);
        }
        errors.addAll(limits.errors(changed, locale));
        errors.addAll(validator.validate(form, candidate, stored, actor, locale));
        errors.addAll(writeAccess.filesNotAttachable(form, stored, candidate, actor, locale));
        throwIfAny(errors);
        return write;
    }

    /**
     * A change the engine makes on a flow's behalf (an outcome's status and fields, an approved
     * change set, an approver's entries), including platform columns such as status and owner.
     */
    PreparedWrite forFlow(Form form, long id, Map<String, Object> stored, Map<String, Object> input, Actor actor,
                          String auditAction, Locale locale) {
        Map<String, Object> fieldInput = new LinkedHashMap<>(input);
        Map<String, Object> platformInput = new LinkedHashMap<>();
        for (String column : List.of(PlatformColumns.STATUS, PlatformColumns.OWNER)) {
            if (fieldInput.containsKey(column)) {
                platformInput.put(column, fieldInput.remove(column));
            }
        }
        // read-only fields are the ones "the system or a flow sets": the flow sets them here
        Map<String, Object> set = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (field.readOnly() && !field.type().isGenerated() && fieldInput.containsKey(field.key())) {
                set.put(field.key(), fieldInput.remove(field.key()));
            }
        }
        List<FieldError> errors = new ArrayList<>();
        set.putAll(platformInput);
        Map<String, Object> clean = RecordInput.clean(form, fieldInput, stored, errors, locale);
        clean.putAll(set);
        Map<String, Object> candidate = candidate(form, stored, clean, actor);
        errors.addAll(validator.validate(form, candidate, stored, actor, locale));
        throwIfAny(errors);
        return changeOf(form, id, stored, version(stored), candidate, platformInput, actor, true, auditAction, locale);
    }

    /** Proposed changes checked as if applied, for a change request that applies them only on approval. */
    PreparedWrite proposal(Form form, long id, Map<String, Object> stored, Map<String, Object> input, Actor actor,
                           Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> candidate = candidate(form, stored, RecordInput.clean(form, input, stored, errors, locale),
                actor);
        errors.addAll(validator.validate(form, candidate, stored, actor, locale));
        throwIfAny(errors);
        return changeOf(form, id, stored, version(stored), candidate, Map.of(), actor, true, "update", locale);
    }

    private Map<String, Object> candidate(Form form, Map<String, Object> base, Map<String, Object> clean, Actor actor) {
        Map<String, Object> candidate = merged(base, clean);
        values.applyRowDefaults(form, candidate, actor);
        values.computeAll(form, candidate, actor);
        return candidate;
    }

    /**
     * The columns that differ from the stored row, fields apart from platform columns; platform
     * columns no field declares count when {@code platformInput} sets them.
     */
    private PreparedWrite changeOf(Form form, long id, Map<String, Object> stored, long version,
                                   Map<String, Object> candidate, Map<String, Object> platformInput, Actor actor,
                                   boolean forFlow, String auditAction, Locale locale) {
        Map<String, Object> changes = new LinkedHashMap<>();
        Map<String, Object> platform = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (!Objects.equals(RecordStore.normalise(stored.get(field.key())),
                    RecordStore.normalise(candidate.get(field.key())))) {
                (field.isPlatformBound() ? platform : changes).put(field.key(), candidate.get(field.key()));
            }
        }
        platformInput.forEach((column, value) -> {
            if (form.field(column).isEmpty() && !Objects.equals(stored.get(column), value)) {
                platform.put(column, value);
            }
        });
        return new PreparedWrite(form, id, stored, candidate, changes, platform, version, actor, forFlow, auditAction,
                now(), locale);
    }

    private static long version(Map<String, Object> stored) {
        return ((Number) stored.get(PlatformColumns.VERSION)).longValue();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> changes) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.putAll(changes);
        return out;
    }

    static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
