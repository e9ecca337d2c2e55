package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.store.FileIds;
import dev.formation.store.FileLinks;
import dev.formation.store.FileStore;
import dev.formation.store.Tx;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may read an uploaded file: whoever may read a place that holds it (a record's field, a
 * flow's documents or comments, each decided by its {@link FileHolder}), and its uploader until
 * something holds it. Anyone else gets the same answer as for a file that does not exist.
 */
@Singleton
public class FileAccess {

    private final FileLinks links;
    private final FileStore files;
    private final Tx tx;
    /** Looked up when asked: the holders themselves need services that need this one. */
    private final BeanProvider<FileHolder> holders;

    public FileAccess(FileLinks links, FileStore files, Tx tx, BeanProvider<FileHolder> holders) {
        this.links = links;
        this.files = files;
        this.tx = tx;
        this.holders = holders;
    }

    public boolean mayRead(String fileId, Actor actor) {
        if (!FileIds.isValid(fileId)) {
            return false;
        }
        List<FileLinks.Link> held = tx.read(c -> links.of(fileId));
        if (held.isEmpty()) {
            Optional<String> uploader = tx.read(c -> files.uploader(fileId));
            return uploader.isPresent() && uploader.get().equals(actor.username());
        }
        List<FileHolder> all = holders.stream().toList();
        for (FileLinks.Link link : held) {
            for (FileHolder holder : all) {
                if (holder.kind().equals(link.holder()) && holder.mayRead(link, actor)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Of the files someone wants to put into a record, a request or a comment, those they may
     * not: files that do not exist and files they may not read. Attaching a file must not become
     * a way to read it (or to hand it to others) for someone who only learnt its id.
     */
    public Set<String> notAttachable(Collection<String> fileIds, Actor actor) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : new LinkedHashSet<>(fileIds)) {
            if (!mayRead(id, actor)) {
                out.add(id);
            }
        }
        return out;
    }
}
