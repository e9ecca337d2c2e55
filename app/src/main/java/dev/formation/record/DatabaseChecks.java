package dev.formation.record;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.i18n.Texts;
import dev.formation.security.Directory;
import dev.formation.store.FileStore;
import dev.formation.store.RecordStore;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks that need the database, run inside the write's transaction: unique values,
 * references to live records, users, departments and uploaded files that exist.
 */
@Singleton
public class DatabaseChecks {

    private final FormCatalog catalog;
    private final RecordStore store;
    private final Directory directory;
    private final FileStore files;

    public DatabaseChecks(FormCatalog catalog, RecordStore store, Directory directory, FileStore files) {
        this.catalog = catalog;
        this.store = store;
        this.directory = directory;
        this.files = files;
    }

    public List<FieldError> check(Connection c, Form form, Map<String, Object> candidate, Long id, Locale locale)
            throws SQLException {
        return check(c, form, candidate, id, null, locale);
    }

    /**
     * @param stored the record before the change, or null: a reference it already held stays
     *               valid even if its target is no longer selectable (a customer deactivated
     *               later does not make its old visits unsavable)
     */
    public List<FieldError> check(Connection c, Form form, Map<String, Object> candidate, Long id,
                                  Map<String, Object> stored, Locale locale) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        for (Field field : form.fields()) {
            Object value = candidate.get(field.key());
            if (value == null) {
                continue;
            }
            if (field.unique() && !field.isTable() && store.valueTaken(c, form, field.key(), value, id)) {
                errors.add(new FieldError(field.key(), Texts.get(locale, "validation.unique",
                        field.label().in(locale), value)));
            }
            checkValue(c, field, value, field.key(), errors, locale, held(stored, field, null));
            if (field.isTable() && value instanceof List<?> rows) {
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i) instanceof Map<?, ?> row) {
                        for (Field child : field.children()) {
                            Object v = row.get(child.key());
                            if (v != null) {
                                checkValue(c, child, v, field.key() + "[" + i + "]." + child.key(), errors, locale,
                                        held(stored, field, child));
                            }
                        }
                    }
                }
            }
        }
        return errors;
    }

    /** The values a field (or a table's column) held before the change, as normalised strings. */
    private static Set<String> held(Map<String, Object> stored, Field field, Field child) {
        Set<String> out = new HashSet<>();
        if (stored == null) {
            return out;
        }
        Object value = stored.get(field.key());
        if (child == null) {
            if (value != null) {
                out.add(String.valueOf(RecordStore.normalise(value)));
            }
        } else if (value instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof Map<?, ?> r && r.get(child.key()) != null) {
                    out.add(String.valueOf(RecordStore.normalise(r.get(child.key()))));
                }
            }
        }
        return out;
    }

    private void checkValue(Connection c, Field field, Object value, String path, List<FieldError> errors,
                            Locale locale, Set<String> held) throws SQLException {
        String label = field.label().in(locale);
        FieldType type = field.valueType();
        if (type == FieldType.REFERENCE && value instanceof Number n) {
            Form target = catalog.form(field.referenceForm()).orElseThrow();
            if (store.existing(c, target, Set.of(n.longValue())).isEmpty()) {
                errors.add(new FieldError(path, Texts.get(locale, "validation.reference", label)));
            } else if (!target.selectableStatuses().isEmpty() && !held.contains(String.valueOf(RecordStore.normalise(value)))
                    && !store.hasStatus(c, target, n.longValue(), target.selectableStatuses())) {
                errors.add(new FieldError(path, Texts.get(locale, "validation.notSelectable", label)));
            }
        } else if (type == FieldType.USER && value instanceof String s
                && directory.existingUsers(List.of(s)).isEmpty()) {
            errors.add(new FieldError(path, Texts.get(locale, "validation.user", label)));
        } else if (type == FieldType.DEPARTMENT && value instanceof String s
                && directory.existingDepartments(List.of(s)).isEmpty()) {
            errors.add(new FieldError(path, Texts.get(locale, "validation.department", label)));
        } else if (type.isFiles() && value instanceof List<?> ids) {
            Set<String> wanted = new HashSet<>();
            ids.forEach(x -> wanted.add(String.valueOf(x)));
            List<FileStore.StoredFile> found = files.find(c, wanted);
            if (found.size() != wanted.size()) {
                errors.add(new FieldError(path, Texts.get(locale, "validation.file", label)));
            } else if (!field.accept().isEmpty() || type == FieldType.IMAGE) {
                List<String> accept = type == FieldType.IMAGE && field.accept().isEmpty()
                        ? List.of(".jpg", ".jpeg", ".png", ".gif", ".webp") : field.accept();
                for (FileStore.StoredFile f : found) {
                    if (!accept.contains(f.extension())) {
                        errors.add(new FieldError(path, Texts.get(locale, "validation.fileType", label,
                                String.join(" ", accept))));
                        break;
                    }
                }
            }
        }
    }
}
