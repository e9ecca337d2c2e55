package dev.formation.web.page;

import dev.formation.form.Field;
import dev.formation.security.FieldAccess;

import java.util.Map;

/**
 * What the user's roles let them do with each field of a form. Pages leave out what they may
 * not see and show read-only (and never post) what they may not change, so saving a page never
 * trips the service's field permission check by sending back an untouched value.
 */
record FieldRights(Map<String, FieldAccess> access) {

    boolean visible(Field field) {
        return access.get(field.key()) != FieldAccess.HIDDEN;
    }

    boolean editable(Field field) {
        return !field.isSystemSet() && access.getOrDefault(field.key(), FieldAccess.EDITABLE) == FieldAccess.EDITABLE;
    }
}
