package dev.formation.store;

import dev.formation.form.Field;
import dev.formation.form.Form;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each uploaded file is held (table {@code file_links}): a record's field, a flow
 * instance's documents or comments. Who may read a file follows from who may read a place that
 * holds it; the links are written in the same transaction as the record or the flow step.
 */
@Singleton
public class FileLinks {

    private final FileLinkRepository rows;

    FileLinks(FileLinkRepository rows) {
        this.rows = rows;
    }

    /**
     * One place that holds a file.
     *
     * @param holder   the kind of place: {@code record}, {@code flow}...
     * @param formKey  the form of the record (or of the flow's record)
     * @param holderId the record's or the flow instance's id
     * @param fieldKey the field whose value holds the file (the table field for a sub-table row),
     *                 or empty when no field does (a comment's attachment)
     */
    public record Link(String fileId, String holder, String formKey, long holderId, String fieldKey) {
    }

    /**
     * A file in a record's values.
     *
     * @param fieldKey the top-level field it counts under (the table for a sub-table row)
     * @param path     where the value is, as field errors name it: {@code photos}, {@code contacts[0].card}
     */
    public record Held(String fileId, String fieldKey, String path) {
    }

    public List<Link> of(String fileId) {
        return rows.findByFileId(fileId).stream().map(StoredFileLink::link).toList();
    }

    /** Makes {@code links} the only files one place holds (a record after a write). */
    public void replace(String holder, String formKey, long holderId, Collection<Link> links) {
        rows.deleteByHolderAndFormKeyAndHolderId(holder, formKey, holderId);
        add(links);
    }

    public void add(Collection<Link> links) {
        if (!links.isEmpty()) {
            rows.saveAll(new LinkedHashSet<>(links).stream().map(StoredFileLink::of).toList());
        }
    }

    /**
     * Links every file one file column of a form's table (or sub-table) holds to the row's record:
     * for a database whose files were uploaded before links were kept.
     *
     * @param idColumn the column with the record's id ({@code id}, or {@code record_id} in a sub-table)
     */
    public void linkColumn(Connection c, String holder, Form form, String table, String idColumn, Field field,
                           String fieldKey) throws SQLException {
        List<Link> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SqlNames.q(idColumn) + ", " + SqlNames.q(field.key())
                + " FROM " + SqlNames.q(table) + " WHERE " + SqlNames.q(field.key()) + " IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                ids(ValueCodec.fromColumns(field, rs)).forEach(f -> found.add(new Link(f, holder, form.key(), id, fieldKey)));
                if (found.size() >= 1000) {
                    add(found);
                    found.clear();
                }
            }
        }
        add(found);
    }

    /** Every file the values hold, in the form's file fields and its sub-tables' file columns. */
    public static List<Held> held(Form form, Map<String, Object> values) {
        List<Held> out = new ArrayList<>();
        for (Field field : form.fields()) {
            Object value = values.get(field.key());
            if (field.valueType().isFiles()) {
                ids(value).forEach(id -> out.add(new Held(id, field.key(), field.key())));
            } else if (field.isTable() && value instanceof List<?> rows) {
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i) instanceof Map<?, ?> row) {
                        for (Field child : field.children()) {
                            if (child.valueType().isFiles()) {
                                String path = field.key() + "[" + i + "]." + child.key();
                                ids(row.get(child.key())).forEach(id -> out.add(new Held(id, field.key(), path)));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The file ids in one file field's value (a list of ids; a map with an {@code id} counts too). */
    public static Set<String> ids(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                Object id = item instanceof Map<?, ?> m ? m.get("id") : item;
                if (id != null) {
                    out.add(String.valueOf(id));
                }
            }
        }
        return out;
    }

    /** Whether the form has a file field anywhere, sub-tables included. */
    public static boolean holdsFiles(Form form) {
        return form.fields().stream().anyMatch(f -> f.valueType().isFiles()
                || f.isTable() && f.children().stream().anyMatch(ch -> ch.valueType().isFiles()));
    }
}
