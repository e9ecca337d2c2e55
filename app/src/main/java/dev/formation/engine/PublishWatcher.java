package dev.formation.engine;

import dev.formation.config.FormationSettings;
import dev.formation.core.EachTenant;
import dev.formation.core.TenantScope;
import dev.formation.metadata.LayerDefinition;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataSet;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.plugin.PluginRegistry;
import dev.formation.store.TenantLayer;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings this node up to a publish made on another one: every second
 * ({@code formation.metadata.watch-interval}) it reads the newest published version number, and
 * when a newer one is out it loads that version's layer, compiles it as start-up does and swaps
 * it in, for every active tenant in turn. Nothing is shared but the database, so any number of nodes follow by themselves.
 *
 * <p>It runs no DDL: the publishing node synchronises the schema before it writes the version
 * row, so by the time a version is visible here its columns and tables exist. Running the sync
 * again on every node would only add metadata reads and concurrent DDL on the same tables.
 *
 * <p>A snapshot equal in content to the one in force (this node published it, or start-up
 * compiled it) is not compiled again: the layer is merged and fingerprinted, which is far
 * cheaper, and the fingerprint is the snapshot's version.
 */
@Singleton
public class PublishWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(PublishWatcher.class);

    /** What this watcher last saw for a holder: the snapshot it found in force and the version that snapshot is. */
    private record Seen(MetadataSnapshot snapshot, int version) {
    }

    /** One holder's snapshot of one tenant. */
    private record Watched(MetadataHolder holder, String tenant) {
    }

    private final Map<Watched, Seen> seen = new ConcurrentHashMap<>();
    private final MetadataLayers layers;
    private final PluginRegistry plugins;
    private final TenantLayer tenant;
    private final MetadataHolder holder;
    private final EachTenant tenants;

    public PublishWatcher(FormationSettings settings, PluginRegistry plugins, TenantLayer tenant, MetadataHolder holder,
                          EachTenant tenants) {
        this.tenants = tenants;
        this.layers = new MetadataLayers(settings);
        this.plugins = plugins;
        this.tenant = tenant;
        this.holder = holder;
    }

    @Scheduled(fixedDelay = "${formation.metadata.watch-interval:1s}",
            initialDelay = "${formation.metadata.watch-interval:1s}")
    void tick() {
        // each active tenant's layer lives in its schema, which the scope points the connections at
        tenants.run("metadata", () -> {
            try {
                follow(tenant, holder);
            } catch (RuntimeException e) {
                // the database may be away for a moment; the next tick asks again
                LOG.warn("Could not check for published metadata of tenant {}: {}", TenantScope.current(), e.getMessage());
            }
        });
    }

    /**
     * Puts the newest version {@code layer} has published in force in {@code holder}, unless it
     * already is, for the current {@link TenantScope}. Callable for each tenant's layer and holder.
     *
     * @return whether a new snapshot was swapped in
     */
    public boolean follow(TenantLayer layer, MetadataHolder target) {
        int newest = layer.newestVersion();
        MetadataSnapshot inForce = target.latest();
        Watched key = new Watched(target, TenantScope.current());
        Seen last = seen.get(key);
        // someone else's swap (a publish on this node) makes the version in force unknown: look again
        if (last != null && last.snapshot() == inForce && newest <= last.version()) {
            return false;
        }
        long started = System.nanoTime();
        List<LayerDefinition> definitions = newest == 0 ? List.of() : layer.layerOf(newest);
        MetadataSnapshot next;
        try {
            MetadataSet set = layers.load(definitions);
            if (SnapshotCompiler.version(set) == inForce.version()) {
                seen.put(key, new Seen(inForce, newest));
                return false;
            }
            next = SnapshotCompiler.compile(set, plugins);
        } catch (MetadataException e) {
            // published elsewhere, so it compiled there: this node runs other code or plugins
            LOG.error("Metadata version {} does not compile on this node, which keeps serving the one in force: {}",
                    newest, e.getMessage());
            seen.put(key, new Seen(inForce, newest));
            return false;
        }
        if (!target.replace(inForce, next)) {
            // a publish on this node swapped meanwhile; the next tick compares with that one
            return false;
        }
        seen.put(key, new Seen(next, newest));
        LOG.info("Metadata version {}, read from the database, is in force here ({} definitions of the tenant, {} ms)",
                newest, definitions.size(), (System.nanoTime() - started) / 1_000_000);
        return true;
    }
}
