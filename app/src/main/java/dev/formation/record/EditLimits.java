package dev.formation.record;

import dev.formation.core.FieldError;
import dev.formation.core.StateConflictException;
import dev.formation.i18n.Texts;
import dev.formation.plugin.api.Message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a user may not change directly on a stored record now, and why: the whole record (under
 * an approval that locks it), or some fields (changed only through a change request, read-only
 * in the record's state). The record service enforces it on every update, and pages ask it
 * before they offer an edit, so what a page offers and what a save accepts are one rule.
 */
public final class EditLimits {

    public static final EditLimits NONE = new EditLimits(null, Map.of());

    /**
     * Why something may not change: a text key with its arguments ({@link Message}s are put in
     * the reader's language), and whether a change request is the way to change it instead.
     */
    public record Reason(String textKey, List<Object> args, boolean changeRequest) {

        public Reason {
            args = List.copyOf(args);
        }

        public static Reason of(String textKey, Object... args) {
            return new Reason(textKey, List.of(args), false);
        }

        public String in(Locale locale) {
            return Texts.get(locale, textKey, localised(locale));
        }

        Object[] localised(Locale locale) {
            return args.stream().map(a -> a instanceof Message m ? m.in(locale) : a).toArray();
        }
    }

    private final Reason record;
    private final Map<String, Reason> fields;

    private EditLimits(Reason record, Map<String, Reason> fields) {
        this.record = record;
        this.fields = Map.copyOf(fields);
    }

    /** Nothing of the record may change directly. */
    public static EditLimits wholeRecord(Reason why) {
        return new EditLimits(why, Map.of());
    }

    /** These fields (key → why) may not change directly; the others may. */
    public static EditLimits fields(Map<String, Reason> why) {
        return why.isEmpty() ? NONE : new EditLimits(null, why);
    }

    /** Both limits: the first reason for the record or a field wins. */
    public EditLimits and(EditLimits other) {
        Map<String, Reason> merged = new LinkedHashMap<>(other.fields);
        merged.putAll(fields);
        return new EditLimits(record != null ? record : other.record, merged);
    }

    /** Why no field of the record may change now, when so. */
    public Optional<Reason> wholeRecord() {
        return Optional.ofNullable(record);
    }

    /** The fields that may not change though others may, each with why. */
    public Map<String, Reason> lockedFields() {
        return fields;
    }

    /** Whether a direct change of this field would be accepted now (as far as these limits go). */
    public boolean allows(String field) {
        return record == null && !fields.containsKey(field);
    }

    /** The record's lock as the service refuses it: 409 with the reason. */
    void refuseIfWholeRecord(Locale locale) {
        if (record != null) {
            throw new StateConflictException(record.textKey(), record.localised(locale));
        }
    }

    /** One error for each changed field that may not change, in the user's language. */
    List<FieldError> errors(Collection<String> changed, Locale locale) {
        List<FieldError> out = new ArrayList<>();
        for (String key : changed) {
            Reason why = fields.get(key);
            if (why != null) {
                out.add(new FieldError(key, why.in(locale)));
            }
        }
        return out;
    }
}
