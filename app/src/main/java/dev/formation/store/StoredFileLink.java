package dev.formation.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code file_links}; callers see it as a {@link FileLinks.Link}, which has no id. */
@MappedEntity("file_links")
record StoredFileLink(@Id @GeneratedValue @Nullable Long id, String fileId, String holder, String formKey,
                      long holderId, String fieldKey) {

    static StoredFileLink of(FileLinks.Link link) {
        return new StoredFileLink(null, link.fileId(), link.holder(), link.formKey(), link.holderId(), link.fieldKey());
    }

    FileLinks.Link link() {
        return new FileLinks.Link(fileId, holder, formKey, holderId, fieldKey);
    }
}
