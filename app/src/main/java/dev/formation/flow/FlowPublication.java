package dev.formation.flow;

import dev.formation.core.Actor;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.StateConflictException;
import dev.formation.security.AccessPolicy;
import dev.formation.security.AuditTrail;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which flows are in service. An administrator may take a flow out of service (no new
 * instances) only while none of its instances is running or waiting for its submitter, since
 * those must be able to finish; putting it back is always allowed.
 */
@Singleton
public class FlowPublication {

    private final FlowCatalog catalog;
    private final FlowStore store;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final Tx tx;

    private final Clock clock;

    public FlowPublication(FlowCatalog catalog, FlowStore store, AccessPolicy access, AuditTrail audit, Tx tx, Clock clock) {
        this.clock = clock;
        this.catalog = catalog;
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
    }

    public List<Map<String, Object>> list(Actor actor, Locale locale) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FlowDefinition def : catalog.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", def.key());
            m.put("label", def.label().in(locale));
            m.put("form", def.form());
            m.put("trigger", def.trigger());
            m.put("version", catalog.versionNumber(def.key(), def.versionId()));
            m.put("published", !tx.read(c -> store.isUnpublished(def.key())));
            m.put("running", (int) (long) tx.read(c -> store.openCount(def.key())));
            m.put("nodes", def.nodes().stream().map(n -> Map.of("key", n.key(), "label", n.label().in(locale),
                    "type", n.type().name().toLowerCase(Locale.ROOT))).toList());
            out.add(m);
        }
        return out;
    }

    public void unpublish(String key, Actor actor) {
        requireAdmin(actor);
        catalog.find(key).orElseThrow(() -> new NotFoundException("flow " + key));
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            if (store.runningOf(key)) {
                throw new StateConflictException("flow.stillRunning", key);
            }
            if (!store.isUnpublished(key)) {
                store.unpublish(key, actor.realUsername(), now);
                audit.record(actor, "flow_unpublish", null, null, Map.of("flow", Arrays.asList(key, null)), now);
            }
            return null;
        });
    }

    public void publish(String key, Actor actor) {
        requireAdmin(actor);
        catalog.find(key).orElseThrow(() -> new NotFoundException("flow " + key));
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            if (store.publish(key)) {
                audit.record(actor, "flow_publish", null, null, Map.of("flow", Arrays.asList(null, key)), now);
            }
            return null;
        });
    }

    private void requireAdmin(Actor actor) {
        if (!access.isAdmin(actor)) {
            throw new ForbiddenException("flow publication");
        }
    }
}
