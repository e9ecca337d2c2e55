package dev.formation.record;

import dev.formation.core.FieldError;
import dev.formation.metadata.MetadataHolder;
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

    private final MetadataHolder metadata;
    private final RecordStore store;
    private final Directory directory;
    private final FileStore files;
    private final OverlapChecks overlaps;

    public DatabaseChecks(MetadataHolder metadata, RecordStore store, Directory directory, FileStore files,
                          OverlapChecks overlaps) {
        this.overlaps = overlaps;
        this.metadata = metadata;
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
            int before = errors.size();
            checkValue(c, field, value, field.key(), errors, locale, held(stored, field, null));
            if (errors.size() == before && field.mustMatch() != null) {
                Object other = candidate.get(field.mustMatch().field());
                boolean unchanged = stored != null && same(stored.get(field.key()), value)
                        && same(stored.get(field.mustMatch().field()), other);
                if (!unchanged) {
                    checkAgreement(c, form, null, field, value, other, field.key(), errors, locale);
                }
            }
            if (field.isTable() && value instanceof List<?> rows) {
                Set<List<Object>> heldPairs = heldPairs(stored, form, field);
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i) instanceof Map<?, ?> row) {
                        for (Field child : field.children()) {
                            Object v = row.get(child.key());
                            if (v != null) {
                                String path = field.key() + "[" + i + "]." + child.key();
                                int was = errors.size();
                                checkValue(c, child, v, path, errors, locale, held(stored, field, child));
                                if (errors.size() == was && child.mustMatch() != null) {
                                    Object other = ReferenceChoices.agreeingValue(field, child, row, candidate);
                                    if (!heldPairs.contains(pair(child, v, other))) {
                                        checkAgreement(c, form, field, child, v, other, path, errors, locale);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        errors.addAll(overlaps.check(c, form, candidate, id, stored, locale));
        return errors;
    }

    /** What {@link #lockReferenced} needs made first, outside the write's transaction (the overlap groups' locks). */
    public void prepareLocks(Form form, Map<String, Object> candidate, Map<String, Object> stored) {
        overlaps.prepare(form, candidate, stored);
    }

    /**
     * Locks the records that the candidate newly refers to, inside the write's transaction, so
     * none of them can be deleted between this check and the commit (a delete counts the
     * references to a record while holding its row).
     */
    public void lockReferenced(Connection c, Form form, Map<String, Object> candidate, Map<String, Object> stored)
            throws SQLException {
        Map<String, Set<Long>> wanted = new java.util.TreeMap<>();
        for (Field field : form.fields()) {
            Object value = candidate.get(field.key());
            if (field.valueType() == FieldType.REFERENCE && value instanceof Number n
                    && !held(stored, field, null).contains(String.valueOf(RecordStore.normalise(n)))) {
                wanted.computeIfAbsent(field.referenceForm(), k -> new java.util.TreeSet<>()).add(n.longValue());
            }
            if (field.isTable() && value instanceof List<?> rows) {
                for (Field child : field.children()) {
                    if (child.valueType() != FieldType.REFERENCE) {
                        continue;
                    }
                    Set<String> held = held(stored, field, child);
                    for (Object row : rows) {
                        if (row instanceof Map<?, ?> r && r.get(child.key()) instanceof Number n
                                && !held.contains(String.valueOf(RecordStore.normalise(n)))) {
                            wanted.computeIfAbsent(child.referenceForm(), k -> new java.util.TreeSet<>()).add(n.longValue());
                        }
                    }
                }
            }
        }
        // forms and ids in a fixed order, so two writers never wait on each other in a circle
        for (Map.Entry<String, Set<Long>> e : wanted.entrySet()) {
            store.lockLive(c, catalog().form(e.getKey()).orElseThrow(), e.getValue());
        }
        // then the groups of the form's noOverlap constraints, so the overlap check sees every earlier writer
        overlaps.lock(c, form, candidate, stored);
    }

    /** A reference's {@code mustMatch}: the referenced record's {@code via} must equal {@code other}. */
    private void checkAgreement(Connection c, Form form, Field table, Field field, Object value, Object other,
                                String path, List<FieldError> errors, Locale locale) throws SQLException {
        if (!(value instanceof Number n) || other == null) {
            // nothing chosen to agree with: the other field's own rules (required) speak for it
            return;
        }
        Form target = catalog().form(field.referenceForm()).orElseThrow();
        Field via = target.field(field.mustMatch().via()).orElseThrow();
        Object theirs = store.fieldValue(c, target, n.longValue(), via).orElse(null);
        if (!same(theirs, other)) {
            Field own = table != null && table.child(field.mustMatch().field()) != null
                    ? table.child(field.mustMatch().field()) : form.field(field.mustMatch().field()).orElseThrow();
            errors.add(new FieldError(path, Texts.get(locale, "validation.mustMatch", field.label().in(locale),
                    via.label().in(locale), own.label().in(locale))));
        }
    }

    /** The (reference, agreeing value) pairs a table's rows held before, which stay valid as they were. */
    private static Set<List<Object>> heldPairs(Map<String, Object> stored, Form form, Field table) {
        Set<List<Object>> out = new HashSet<>();
        if (stored == null || !(stored.get(table.key()) instanceof List<?> rows)) {
            return out;
        }
        for (Field child : table.children()) {
            if (child.mustMatch() == null) {
                continue;
            }
            for (Object row : rows) {
                if (row instanceof Map<?, ?> r) {
                    out.add(pair(child, r.get(child.key()), ReferenceChoices.agreeingValue(table, child, r, stored)));
                }
            }
        }
        return out;
    }

    private static List<Object> pair(Field child, Object value, Object other) {
        return java.util.Arrays.asList(child.key(), String.valueOf(RecordStore.normalise(value)),
                String.valueOf(RecordStore.normalise(other)));
    }

    private static boolean same(Object a, Object b) {
        return java.util.Objects.equals(RecordStore.normalise(a), RecordStore.normalise(b));
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
            Form target = catalog().form(field.referenceForm()).orElseThrow();
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
            List<FileStore.StoredFile> found = files.find(wanted);
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

    private FormCatalog catalog() {
        return metadata.current().get(FormCatalog.class);
    }
}
