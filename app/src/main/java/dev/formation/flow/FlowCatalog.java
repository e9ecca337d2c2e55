package dev.formation.flow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.formation.core.NotFoundException;
import dev.formation.metadata.MetadataHolder;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flows of the metadata snapshot in force, each with the id of its stored version, and
 * every earlier version an instance may still run on. Versions are the rows
 * {@code metadata_versions} keeps for kind {@code flow}.
 */
@Singleton
public class FlowCatalog {

    static final String KIND = FlowDefinitions.KIND;

    /**
     * What this catalog looked up in the database for one snapshot's flows. Kept per snapshot
     * (weakly, by identity) because a new snapshot brings new definitions and versions, and an
     * old one's lookups should go when nothing uses it any more.
     */
    private record Lookups(Map<String, FlowDefinition> current, Map<Long, FlowDefinition> stored) {
    }

    private final MetadataHolder metadata;
    private final Tx tx;
    private final Cache<FlowDefinitions, Lookups> lookups = Caffeine.newBuilder().weakKeys().build();
    private final ObjectMapper json = new ObjectMapper();

    public FlowCatalog(MetadataHolder metadata, Tx tx) {
        this.metadata = metadata;
        this.tx = tx;
    }

    public Collection<FlowDefinition> all() {
        FlowDefinitions flows = flows();
        return flows.all().stream().map(d -> current(flows, d.key())).toList();
    }

    /** The flow a record action starts, if the form has one. */
    public Optional<FlowDefinition> forTrigger(String form, String trigger) {
        FlowDefinitions flows = flows();
        return flows.all().stream().filter(d -> d.form().equals(form) && d.trigger().equals(trigger))
                .findFirst().map(d -> current(flows, d.key()));
    }

    public List<FlowDefinition> forForm(String form) {
        FlowDefinitions flows = flows();
        return flows.all().stream().filter(d -> d.form().equals(form)).map(d -> current(flows, d.key())).toList();
    }

    public Optional<FlowDefinition> find(String key) {
        FlowDefinitions flows = flows();
        return flows.find(key).map(d -> current(flows, key));
    }

    private FlowDefinitions flows() {
        return metadata.current().get(FlowDefinitions.class);
    }

    private Lookups lookups(FlowDefinitions flows) {
        return lookups.get(flows, f -> new Lookups(new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
    }

    /**
     * The definition in force, with the id of its stored version. The id is looked up once,
     * after start-up recorded the versions.
     */
    private FlowDefinition current(FlowDefinitions flows, String key) {
        return lookups(flows).current().computeIfAbsent(key, k -> {
            long id = tx.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT MAX(`id`) FROM `metadata_versions` "
                        + "WHERE `kind` = ? AND `doc_key` = ?")) {
                    ps.setString(1, KIND);
                    ps.setString(2, k);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            return withVersion(flows.find(k).orElseThrow(), id);
        });
    }

    /** The definition an instance started on. */
    public FlowDefinition snapshot(long versionId) {
        FlowDefinitions flows = flows();
        return lookups(flows).stored().computeIfAbsent(versionId, id -> {
            String[] row = tx.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT `doc_key`, `content` FROM `metadata_versions` "
                        + "WHERE `id` = ? AND `kind` = ?")) {
                    ps.setLong(1, id);
                    ps.setString(2, KIND);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? new String[]{rs.getString(1), rs.getString(2)} : null;
                    }
                }
            });
            if (row == null) {
                throw new NotFoundException("flow version " + id);
            }
            try {
                Map<String, Object> content = json.readValue(row[1], new TypeReference<>() {
                });
                return flows.compile("flow " + row[0] + " (version " + id + ")", content, id);
            } catch (IOException e) {
                throw new IllegalStateException("stored flow version " + id + " is not JSON", e);
            }
        });
    }

    /** The version number shown to people: 1 for the first stored version of the flow, and so on. */
    public int versionNumber(String key, long versionId) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM `metadata_versions` "
                    + "WHERE `kind` = ? AND `doc_key` = ? AND `id` <= ?")) {
                ps.setString(1, KIND);
                ps.setString(2, key);
                ps.setLong(3, versionId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private static FlowDefinition withVersion(FlowDefinition d, long id) {
        return new FlowDefinition(d.key(), d.label(), d.form(), d.trigger(), d.actionLabel(), d.permission(),
                d.startWhen(), d.perApplicant(), d.locksRecord(), d.resubmitAtReturnedNode(), d.fallback(),
                d.onStart(), d.onApprove(), d.onReject(), d.onWithdraw(), d.cc(), d.changeRules(), d.startLimit(),
                d.nodes(), id);
    }
}
