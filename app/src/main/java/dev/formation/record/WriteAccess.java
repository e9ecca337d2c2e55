package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.security.AccessPolicy;
import dev.formation.store.FileLinks;
import dev.formation.store.RecordStore;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a user's direct write may touch beyond the permission to write at all: fields their
 * roles lock, handing the record to another owner, files they could not read themselves.
 */
@Singleton
public class WriteAccess {

    private final AccessPolicy access;
    private final RecordStore store;
    private final Tx tx;
    private final FileAccess fileAccess;

    public WriteAccess(AccessPolicy access, RecordStore store, Tx tx, FileAccess fileAccess) {
        this.access = access;
        this.store = store;
        this.tx = tx;
        this.fileAccess = fileAccess;
    }

    /** Fields the actor's roles do not let them change, among those that differ from {@code base}. */
    void checkFields(Form form, Map<String, Object> base, Map<String, Object> candidate, Actor actor, Locale locale) {
        List<FieldError> denied = new ArrayList<>();
        access.fields(actor, form).forEach((key, fieldAccess) -> {
            if (!Objects.equals(RecordStore.normalise(base.get(key)), RecordStore.normalise(candidate.get(key)))) {
                Field field = form.field(key).orElseThrow();
                denied.add(new FieldError(key, Texts.get(locale, "validation.noFieldPermission",
                        field.label().in(locale))));
            }
        });
        if (!denied.isEmpty()) {
            throw new ForbiddenException(form.key() + " fields", denied);
        }
    }

    /** Entering a record for someone else is a transfer, or a delegation ({@code ?on_behalf_of=}). */
    void checkNewOwner(Form form, Map<String, Object> input, Actor actor, Locale locale) {
        Object owner = input.get(PlatformColumns.OWNER);
        if (owner != null && !owner.equals(actor.username()) && !access.can(actor, form, "transfer")) {
            throw ownerRefused(form, " owner", locale);
        }
    }

    /** Handing a record to another owner is a transfer (seed 001), a permission of its own. */
    void checkOwnerChange(Form form, long id, Map<String, Object> stored, Map<String, Object> input, Actor actor,
                          Locale locale) {
        if (!input.containsKey(PlatformColumns.OWNER) || Objects.equals(stored.get(PlatformColumns.OWNER),
                input.get(PlatformColumns.OWNER))) {
            return;
        }
        boolean mayTransfer = tx.read(c -> store.find(c, form, id, access.rows(actor, form, "transfer"))).isPresent();
        if (!mayTransfer) {
            throw ownerRefused(form, " transfer", locale);
        }
    }

    private static ForbiddenException ownerRefused(Form form, String what, Locale locale) {
        String label = form.field(PlatformColumns.OWNER).map(f -> f.label().in(locale)).orElse(PlatformColumns.OWNER);
        return new ForbiddenException(form.key() + what, List.of(new FieldError(PlatformColumns.OWNER,
                Texts.get(locale, "validation.noFieldPermission", label))));
    }

    /**
     * Files the user puts into the record that it did not hold before must be ones they may read:
     * their own fresh uploads, or files of records they may read. Otherwise knowing a file's id
     * would be enough to attach it and read it through the record.
     */
    public List<FieldError> filesNotAttachable(Form form, Map<String, Object> stored, Map<String, Object> candidate,
                                               Actor actor, Locale locale) {
        Set<String> before = new HashSet<>();
        FileLinks.held(form, stored).forEach(h -> before.add(h.fileId()));
        List<FileLinks.Held> added = FileLinks.held(form, candidate).stream()
                .filter(h -> !before.contains(h.fileId())).toList();
        Set<String> refused = fileAccess.notAttachable(added.stream()
                .map(FileLinks.Held::fileId).toList(), actor);
        List<FieldError> errors = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        for (FileLinks.Held h : added) {
            if (refused.contains(h.fileId()) && paths.add(h.path())) {
                errors.add(new FieldError(h.path(), Texts.get(locale, "validation.file", labelAt(form, h, locale))));
            }
        }
        return errors;
    }

    /** The label of the field at a value's path: the column's for a sub-table row. */
    private static String labelAt(Form form, FileLinks.Held held, Locale locale) {
        Optional<Field> field = form.field(held.fieldKey());
        if (field.isPresent() && field.get().isTable() && held.path().contains(".")) {
            String column = held.path().substring(held.path().lastIndexOf('.') + 1);
            field = field.get().children().stream().filter(f -> f.key().equals(column)).findFirst()
                    .or(() -> form.field(held.fieldKey()));
        }
        return field.map(f -> f.label().in(locale)).orElse(held.fieldKey());
    }
}
