package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.metadata.MetadataHolder;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.security.AccessPolicy;
import dev.formation.store.FileLinks;
import dev.formation.store.RecordStore;
import dev.formation.store.SqlNames;
import dev.formation.store.Tx;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files records hold in their file fields, sub-table rows included. A record's links are
 * rewritten with every write, so a file taken out of a record no longer opens through it. A user
 * may read such a file when what they may see of the record ({@link RecordService#sight}: as a
 * reader by row scope or through a task on its flow, or its list columns when their roles only
 * list it) shows the field that holds it.
 */
@Singleton
public class RecordFiles implements FileHolder {

    public static final String KIND = "record";

    private final MetadataHolder metadata;
    private final RecordStore store;
    private final AccessPolicy access;
    private final FileLinks links;
    private final Tx tx;
    private final BeanProvider<RecordReaders> readers;
    /** Looked up when asked: the record service writes links through this class. */
    private final BeanProvider<RecordService> records;

    public RecordFiles(MetadataHolder metadata, RecordStore store, AccessPolicy access, FileLinks links, Tx tx,
                       BeanProvider<RecordReaders> readers, BeanProvider<RecordService> records) {
        this.records = records;
        this.metadata = metadata;
        this.store = store;
        this.access = access;
        this.links = links;
        this.tx = tx;
        this.readers = readers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Makes the record's links match the files its values now hold; in the write's transaction. */
    void relink(Connection c, Form form, long id, Map<String, Object> values, boolean created) throws SQLException {
        List<FileLinks.Link> held = new ArrayList<>();
        for (FileLinks.Held h : FileLinks.held(form, values)) {
            held.add(new FileLinks.Link(h.fileId(), KIND, form.key(), id, h.fieldKey()));
        }
        if (created) {
            links.add(held); // a record created just now has no links to replace: one statement less per create
        } else {
            links.replace(KIND, form.key(), id, held);
        }
    }

    @Override
    public boolean mayRead(FileLinks.Link link, Actor actor) {
        Optional<Form> form = catalog().form(link.formKey());
        if (form.isEmpty() || form.get().field(link.fieldKey()).isEmpty()) {
            return false;
        }
        long id = link.holderId();
        boolean inScope = tx.read(c -> store.visible(c, form.get(), id, access.rows(actor, form.get(), AccessPolicy.READ)));
        boolean throughTask = !inScope && readers.stream().anyMatch(r -> r.readsThroughTask(form.get(), id, actor));
        return records.get().sight(form.get().key(), id, actor, throughTask).shows(link.fieldKey());
    }

    @Override
    public void linkExisting(Connection c) throws SQLException {
        for (Form form : catalog().forms()) {
            for (Field field : form.fields()) {
                if (field.valueType().isFiles()) {
                    links.linkColumn(c, KIND, form, SqlNames.table(form), "id", field, field.key());
                } else if (field.isTable()) {
                    for (Field child : field.children()) {
                        if (child.valueType().isFiles()) {
                            links.linkColumn(c, KIND, form, SqlNames.childTable(form, field), "record_id", child,
                                    field.key());
                        }
                    }
                }
            }
        }
    }

    private FormCatalog catalog() {
        return metadata.current().get(FormCatalog.class);
    }
}
