package dev.formation.web.page;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.record.RecordService;
import dev.formation.security.Directory;
import dev.formation.store.FileStore;
import dev.formation.store.RecordStore;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the names a page shows instead of stored keys (users, departments, referenced records'
 * titles, uploaded files' names) for a whole page of records at once: one query per referenced
 * form and one for files, never one per row.
 */
@Singleton
public class Lookups {

    /** The names for one page; keys missing from a map show as the raw value. */
    public record Names(Map<String, String> users, Map<String, String> departments,
                        Map<String, Map<Long, String>> titles, Map<String, FileStore.StoredFile> files) {

        public String title(String form, Object id) {
            if (!(id instanceof Number n)) {
                return null;
            }
            return titles.getOrDefault(form, Map.of()).get(n.longValue());
        }
    }

    private final Directory directory;
    private final RecordStore store;
    private final FileStore files;
    private final RecordService records;
    private final Tx tx;

    public Lookups(Directory directory, RecordStore store, FileStore files, RecordService records, Tx tx) {
        this.directory = directory;
        this.store = store;
        this.files = files;
        this.records = records;
        this.tx = tx;
    }

    public Names names(Form form, Collection<Map<String, Object>> shown) {
        Map<String, Set<Long>> references = new HashMap<>();
        Set<String> fileIds = new HashSet<>();
        for (Map<String, Object> record : shown) {
            collect(form.fields(), record, references, fileIds);
        }
        Map<String, Map<Long, String>> titles = new LinkedHashMap<>();
        Map<String, FileStore.StoredFile> found = new HashMap<>();
        if (!references.isEmpty() || !fileIds.isEmpty()) {
            tx.read(c -> {
                for (Map.Entry<String, Set<Long>> entry : references.entrySet()) {
                    titles.put(entry.getKey(), store.titles(c, records.form(entry.getKey()), entry.getValue()));
                }
                files.find(fileIds).forEach(f -> found.put(f.id(), f));
                return null;
            });
        }
        return new Names(directory.userNames(), directory.departmentNames(), titles, found);
    }

    /** The titles of some records of a form by id (deleted ones too), with one query. */
    public Map<Long, String> titles(Form form, Set<Long> ids) {
        return ids.isEmpty() ? Map.of() : tx.read(c -> store.titles(c, form, ids));
    }

    /** A user's name as pages show it; the username when there is no such user. */
    public String userName(String username) {
        return directory.userNames().getOrDefault(username, username);
    }

    /** Uploaded files by id (e.g. a change request's documents, a comment's attachments); unknown ids are left out. */
    public Map<String, FileStore.StoredFile> files(Collection<String> ids) {
        Set<String> wanted = new HashSet<>();
        ids.stream().filter(id -> id != null && id.matches("^[a-f0-9]{32}$")).forEach(wanted::add);
        Map<String, FileStore.StoredFile> found = new HashMap<>();
        if (!wanted.isEmpty()) {
            tx.read(c -> {
                files.find(wanted).forEach(f -> found.put(f.id(), f));
                return null;
            });
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void collect(List<Field> fields, Map<String, Object> record, Map<String, Set<Long>> references,
                                Set<String> fileIds) {
        for (Field field : fields) {
            Object value = record.get(field.key());
            if (value == null) {
                continue;
            }
            if (field.valueType() == FieldType.REFERENCE && value instanceof Number n) {
                references.computeIfAbsent(field.referenceForm(), k -> new HashSet<>()).add(n.longValue());
            } else if (field.valueType().isFiles() && value instanceof List<?> ids) {
                ids.stream().filter(id -> id instanceof String s && s.matches("^[a-f0-9]{32}$"))
                        .forEach(id -> fileIds.add((String) id));
            } else if (field.isTable() && value instanceof List<?> rows) {
                for (Object row : rows) {
                    if (row instanceof Map<?, ?> map) {
                        collect(field.children(), (Map<String, Object>) map, references, fileIds);
                    }
                }
            }
        }
    }
}
