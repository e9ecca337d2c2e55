package dev.formation.record;

import dev.formation.metadata.MetadataHolder;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.store.RecordStore;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which live records refer to one record, over every reference field of every form and of
 * their sub-tables, so a record is not deleted from under the records that name it.
 */
@Singleton
public class ReferenceCount {

    private final MetadataHolder metadata;
    private final RecordStore store;

    public ReferenceCount(MetadataHolder metadata, RecordStore store) {
        this.metadata = metadata;
        this.store = store;
    }

    /** Per referring form (in catalog order), how many of its live records refer to the record; none: empty. */
    public List<InUseException.Referrers> referrers(Connection c, Form target, long id) throws SQLException {
        List<InUseException.Referrers> out = new ArrayList<>();
        for (Form form : catalog().forms()) {
            List<Field> references = new ArrayList<>();
            Map<Field, List<Field>> rowReferences = new LinkedHashMap<>();
            for (Field field : form.fields()) {
                if (refersTo(field, target)) {
                    references.add(field);
                }
                List<Field> columns = field.children().stream().filter(child -> refersTo(child, target)).toList();
                if (!columns.isEmpty()) {
                    rowReferences.put(field, columns);
                }
            }
            long count = store.countReferring(c, form, references, rowReferences, id,
                    form.key().equals(target.key()) ? id : null);
            if (count > 0) {
                out.add(new InUseException.Referrers(form.key(), count));
            }
        }
        return out;
    }

    private static boolean refersTo(Field field, Form target) {
        return field.valueType() == FieldType.REFERENCE && target.key().equals(field.referenceForm());
    }

    private FormCatalog catalog() {
        return metadata.current().get(FormCatalog.class);
    }
}
