package dev.formation.web.page;

import dev.formation.form.Field;
import dev.formation.security.FieldAccess;

import java.util.Map;

/**
 * What the user's roles let them do with each field of a form. Pages leave out what they may
 * not see and show read-only (and never post) what they may not change, so saving a page never
 * trips the service's field permission check by sending back an untouched value.
 */
public record FieldRights(Map<String, FieldAccess> access) {

    /**
     * The rights over a record shown cut down to what the viewer may see of it (a flow
     * instance's record for an applicant who may only list it): a field it left out is hidden.
     */
    public static FieldRights within(dev.formation.form.Form form, Map<String, FieldAccess> access, Map<String, Object> shown) {
        Map<String, FieldAccess> out = new java.util.HashMap<>(access);
        for (Field field : form.fields()) {
            if (!shown.containsKey(field.key())) {
                out.put(field.key(), FieldAccess.HIDDEN);
            }
        }
        return new FieldRights(out);
    }

    public boolean visible(Field field) {
        return access.get(field.key()) != FieldAccess.HIDDEN;
    }

    public boolean editable(Field field) {
        return !field.isSystemSet() && access.getOrDefault(field.key(), FieldAccess.EDITABLE) == FieldAccess.EDITABLE;
    }
}
