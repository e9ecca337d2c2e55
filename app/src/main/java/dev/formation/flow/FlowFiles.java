package dev.formation.flow;

import dev.formation.metadata.MetadataHolder;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.core.Actor;
import dev.formation.record.FileHolder;
import dev.formation.record.RecordReaders;
import dev.formation.store.FileLinks;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files flows hold: a change request's documents and the files among its proposed values
 * (before and after), a comment's attachments. Whoever may see the instance may read them, a
 * proposed value only when the instance shows them that field of the record. And since the engine
 * lets those with a task on a record's flow read the record, they may read its files too
 * ({@link RecordReaders}).
 */
@Singleton
public class FlowFiles implements FileHolder, RecordReaders {

    public static final String KIND = "flow";
    static final String ATTACHMENTS = "attachments";

    private final FlowStore store;
    private final InstanceView views;
    private final MetadataHolder metadata;
    private final FileLinks links;
    private final Tx tx;

    public FlowFiles(FlowStore store, InstanceView views, MetadataHolder metadata, FileLinks links, Tx tx) {
        this.store = store;
        this.views = views;
        this.metadata = metadata;
        this.links = links;
        this.tx = tx;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Links the files a new instance's payload holds; in the transaction that starts it. */
    void linkInstance(Connection c, long instanceId, String formKey, Map<String, Object> payload) throws SQLException {
        List<FileLinks.Link> found = new ArrayList<>();
        FileLinks.ids(payload.get(ATTACHMENTS))
                .forEach(id -> found.add(new FileLinks.Link(id, KIND, formKey, instanceId, "")));
        Optional<Form> form = catalog().form(formKey);
        if (form.isPresent() && payload.get(FlowEffects.CHANGES) instanceof Map<?, ?> changes) {
            for (int side = 0; side < 2; side++) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : changes.entrySet()) {
                    if (e.getValue() instanceof List<?> pair && pair.size() == 2) {
                        values.put(String.valueOf(e.getKey()), pair.get(side));
                    }
                }
                FileLinks.held(form.get(), values).forEach(h ->
                        found.add(new FileLinks.Link(h.fileId(), KIND, formKey, instanceId, h.fieldKey())));
            }
        }
        links.add(found);
    }

    /** Links a comment's attachments to its instance. */
    void linkAttachments(Connection c, long instanceId, String formKey, Collection<String> fileIds) throws SQLException {
        List<FileLinks.Link> found = new ArrayList<>();
        fileIds.forEach(id -> found.add(new FileLinks.Link(id, KIND, formKey, instanceId, "")));
        links.add(found);
    }

    @Override
    public boolean mayRead(FileLinks.Link link, Actor actor) {
        if (!views.mayView(link.holderId(), actor)) {
            return false;
        }
        return link.fieldKey().isEmpty() || views.recordSight(link.holderId(), actor).shows(link.fieldKey());
    }

    @Override
    public boolean readsThroughTask(Form form, long recordId, Actor actor) {
        List<Long> instances = tx.read(c -> store.instanceIdsOn(form.key(), recordId));
        return instances.stream().anyMatch(id -> views.readsRecordThroughTask(id, actor));
    }

    @Override
    public void linkExisting(Connection c) throws SQLException {
        for (FlowInstanceRepository.Payload p : store.payloads()) {
            linkInstance(c, p.id(), p.formKey(), store.read(p.payload()));
        }
        for (FlowInstanceRepository.Payload p : store.commentDetails()) {
            linkAttachments(c, p.id(), p.formKey(), FileLinks.ids(store.read(p.payload()).get(ATTACHMENTS)));
        }
    }

    private FormCatalog catalog() {
        return metadata.current().get(FormCatalog.class);
    }
}
