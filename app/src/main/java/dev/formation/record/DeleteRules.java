package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.OnDelete;
import dev.formation.metadata.MetadataHolder;
import dev.formation.store.BinStore;
import dev.formation.security.AuditTrail;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a delete does to the records that refer to the deleted one, as each reference field
 * declares ({@code onDelete}): records of a cascading field go to the bin with it, an unlinking
 * field is cleared, and any live record still referring to one of them afterwards refuses the
 * whole delete. Runs inside the delete's transaction, so a refusal leaves nothing changed.
 */
@Singleton
class DeleteRules {

    /** A record in the bin, or about to be. */
    record Binned(Form form, long id) {
    }

    private final MetadataHolder metadata;
    private final BinStore bin;
    private final ReferenceCount references;
    private final AuditTrail audit;

    DeleteRules(MetadataHolder metadata, BinStore bin, ReferenceCount references, AuditTrail audit) {
        this.metadata = metadata;
        this.bin = bin;
        this.references = references;
        this.audit = audit;
    }

    /**
     * After the record itself was soft-deleted: cascades and unlinks, then refuses
     * ({@link InUseException}, counts per referring form) if live records still refer to any
     * record that went to the bin. Returns the records cascaded, in the order they were binned.
     */
    List<Binned> apply(Connection c, Form form, long id, Actor actor, LocalDateTime now) throws SQLException {
        List<Binned> cascaded = new java.util.ArrayList<>();
        Deque<Binned> pending = new ArrayDeque<>();
        pending.add(new Binned(form, id));
        List<Binned> all = new java.util.ArrayList<>();
        while (!pending.isEmpty()) {
            Binned target = pending.poll();
            all.add(target);
            for (Referring referring : referringFields(target.form())) {
                for (long referrer : bin.liveReferring(c, referring.form(), referring.field(), target.id())) {
                    if (referring.field().onDelete() == OnDelete.CASCADE) {
                        bin.softDelete(c, referring.form(), referrer, actor.realUsername(), now);
                        audit.record(actor, "delete", referring.form().key(), referrer,
                                Map.of("deleted_with", Arrays.asList(null, target.form().key() + " " + target.id())), now);
                        Binned child = new Binned(referring.form(), referrer);
                        cascaded.add(child);
                        pending.add(child);
                    } else if (referring.field().onDelete() == OnDelete.UNLINK) {
                        bin.unlink(c, referring.form(), referring.field(), referrer, actor.realUsername(), now);
                        audit.record(actor, "update", referring.form().key(), referrer,
                                Map.of(referring.field().key(), Arrays.asList(target.id(), null)), now);
                    }
                }
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Binned binned : all) {
            for (InUseException.Referrers r : references.referrers(c, binned.form(), binned.id())) {
                counts.merge(r.form(), r.count(), Long::sum);
            }
        }
        if (!counts.isEmpty()) {
            throw new InUseException(form.key() + " " + id, counts.entrySet().stream()
                    .map(e -> new InUseException.Referrers(e.getKey(), e.getValue())).toList());
        }
        return cascaded;
    }

    /** A record's own reference field of some form that refers to another form, with what a delete does. */
    record Referring(Form form, Field field) {
    }

    /** The forms' own (not sub-table) reference fields that refer to {@code target} and cascade or unlink. */
    List<Referring> referringFields(Form target) {
        List<Referring> out = new java.util.ArrayList<>();
        for (Form form : metadata.current().get(FormCatalog.class).forms()) {
            for (Field field : form.fields()) {
                if (field.valueType() == FieldType.REFERENCE && target.key().equals(field.referenceForm())
                        && field.onDelete() != null && field.onDelete() != OnDelete.REFUSE) {
                    out.add(new Referring(form, field));
                }
            }
        }
        return out;
    }
}
