package dev.formation.record;

import dev.formation.form.Form;

import java.util.Locale;
import java.util.Map;

/**
 * A rule outside the record service that may refuse a user's direct change or deletion: a
 * record under approval changes only through its flow, and some fields only through a change
 * request. Engine writes on a flow's behalf do not pass here.
 */
public interface RecordGuard {

    /**
     * @param stored  the record before the change
     * @param changed the fields (and platform columns) that would change, with their new values
     * @throws ValidationException or ConflictException to refuse
     */
    void beforeUpdate(Form form, Map<String, Object> stored, Map<String, Object> changed, Actor actor, Locale locale);

    void beforeDelete(Form form, Map<String, Object> stored, Actor actor, Locale locale);
}
