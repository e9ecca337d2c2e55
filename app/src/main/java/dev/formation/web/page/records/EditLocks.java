package dev.formation.web.page.records;

import dev.formation.form.Field;
import dev.formation.i18n.Texts;
import dev.formation.record.EditLimits;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The record service's edit limits as the edit page shows them: a locked record's reason above
 * the form (and no save button), and under each locked field why it is read-only, with the way
 * to the change request where the field changes through one. What the user typed in a refused
 * save stays an input, even in a field that turned out to be locked, so nothing typed is lost.
 */
final class EditLocks {

    static final EditLocks NONE = new EditLocks(null, Map.of(), Set.of());

    /** What shows under a locked field: why, and where to change it instead ("" for nowhere). */
    record Note(String text, String href) {
    }

    private final String wholeRecord;
    private final Map<String, Note> fields;
    private final Set<String> typed;

    private EditLocks(String wholeRecord, Map<String, Note> fields, Set<String> typed) {
        this.wholeRecord = wholeRecord;
        this.fields = fields;
        this.typed = typed;
    }

    /**
     * @param changeRequestHref the record's change-request page when the user may request a change now, else ""
     * @param typed             the fields the user posted (empty when the page is opened, not re-shown)
     */
    static EditLocks of(EditLimits limits, String changeRequestHref, Set<String> typed, Locale locale) {
        Map<String, Note> fields = new LinkedHashMap<>();
        limits.lockedFields().forEach((key, why) -> fields.put(key, why.changeRequest()
                ? new Note(Texts.get(locale, "page.edit.viaChangeRequest"), changeRequestHref)
                : new Note(why.in(locale), "")));
        return new EditLocks(limits.wholeRecord().map(r -> r.in(locale)).orElse(null), fields, Set.copyOf(typed));
    }

    /** The reason nothing of the record may change now, or "" when it may. */
    String wholeRecord() {
        return wholeRecord == null ? "" : wholeRecord;
    }

    /** Whether the page offers saving: not while the whole record is locked. */
    boolean saveable() {
        return wholeRecord == null;
    }

    /** Whether the field's input is drawn: not for a locked field, unless the user had typed into it. */
    boolean editable(Field field) {
        if (typed.contains(field.key())) {
            return true;
        }
        return wholeRecord == null && !fields.containsKey(field.key());
    }

    /** The note under a locked field, or null when the field is not locked. */
    Note note(Field field) {
        return typed.contains(field.key()) ? null : fields.get(field.key());
    }
}
