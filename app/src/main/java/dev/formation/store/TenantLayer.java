package dev.formation.store;

import dev.formation.metadata.LayerDefinition;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's metadata layer in the database: the draft being edited and the published
 * versions. A publish copies the whole draft, so any version alone is the tenant's layer.
 */
@Singleton
public class TenantLayer {

    private final Tx tx;
    private final TenantDefinitionRepository drafts;
    private final TenantVersionRepository versions;
    private final TenantPublishedRepository published;
    private final Clock clock;

    public TenantLayer(Tx tx, TenantDefinitionRepository drafts, TenantVersionRepository versions,
                       TenantPublishedRepository published, Clock clock) {
        this.tx = tx;
        this.drafts = drafts;
        this.versions = versions;
        this.published = published;
        this.clock = clock;
    }

    public List<LayerDefinition> draft() {
        return drafts.findAll().stream()
                .sorted(Comparator.comparing(TenantDefinition::kind).thenComparing(TenantDefinition::docKey))
                .map(d -> new LayerDefinition(d.kind(), d.docKey(), d.content())).toList();
    }

    /** The newest published version's layer; empty before the first publish. */
    public List<LayerDefinition> published() {
        Integer newest = versions.findMaxVersionNumber();
        return newest == null ? List.of() : layerOf(newest);
    }

    /** The newest version's number, 0 before the first publish: one read of an index, cheap enough to poll. */
    public int newestVersion() {
        Integer newest = versions.findMaxVersionNumber();
        return newest == null ? 0 : newest;
    }

    /** The layer a version published; empty for a number never published. */
    public List<LayerDefinition> layerOf(int number) {
        return published.findByVersionNumber(number).stream()
                .sorted(Comparator.comparing(TenantPublished::kind).thenComparing(TenantPublished::docKey))
                .map(d -> new LayerDefinition(d.kind(), d.docKey(), d.content())).toList();
    }

    public void putDraft(String kind, String key, String yaml, String author) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            Optional<TenantDefinition> existing = drafts.findByKindAndDocKey(kind, key);
            if (existing.isPresent()) {
                drafts.update(new TenantDefinition(existing.get().id(), kind, key, yaml, author, now));
            } else {
                drafts.save(new TenantDefinition(null, kind, key, yaml, author, now));
            }
            return null;
        });
    }

    /** The draft becomes exactly this layer (restoring a version). */
    public void replaceDraft(List<LayerDefinition> layer, String author) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            drafts.deleteAll();
            for (LayerDefinition d : layer) {
                drafts.save(new TenantDefinition(null, d.kind(), d.key(), d.yaml(), author, now));
            }
            return null;
        });
    }

    public void dropDraft(String kind, String key) {
        tx.write(c -> {
            drafts.deleteByKindAndDocKey(kind, key);
            return null;
        });
    }

    /** Records the draft as the next version and answers its number. */
    public int publish(List<LayerDefinition> layer, String author, String note) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        return tx.write(c -> {
            Integer newest = versions.findMaxVersionNumber();
            int number = newest == null ? 1 : newest + 1;
            versions.save(new TenantVersion(null, number, author, now, note));
            for (LayerDefinition d : layer) {
                published.save(new TenantPublished(null, number, d.kind(), d.key(), d.yaml()));
            }
            return number;
        });
    }

    /** Newest first. */
    public List<TenantVersion> versions() {
        return versions.findAll().stream().sorted(Comparator.comparingInt(TenantVersion::versionNumber).reversed())
                .toList();
    }
}
