package dev.formation.flow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.formation.core.NotFoundException;
import dev.formation.metadata.MetadataHolder;
import dev.formation.store.MetadataVersion;
import dev.formation.store.MetadataVersionRepository;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.io.IOException;
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
    private final MetadataVersionRepository versions;
    private final Cache<FlowDefinitions, Lookups> lookups = Caffeine.newBuilder().weakKeys().build();
    private final ObjectMapper json = new ObjectMapper();

    public FlowCatalog(MetadataHolder metadata, Tx tx, MetadataVersionRepository versions) {
        this.metadata = metadata;
        this.tx = tx;
        this.versions = versions;
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
            Long id = tx.read(c -> versions.findMaxIdByKindAndDocKey(KIND, k));
            return withVersion(flows.find(k).orElseThrow(), id == null ? 0 : id);
        });
    }

    /** The definition an instance started on. */
    public FlowDefinition snapshot(long versionId) {
        FlowDefinitions flows = flows();
        return lookups(flows).stored().computeIfAbsent(versionId, id -> {
            MetadataVersion row = tx.read(c -> versions.findByIdAndKind(id, KIND))
                    .orElseThrow(() -> new NotFoundException("flow version " + id));
            try {
                Map<String, Object> content = json.readValue(row.content(), new TypeReference<>() {
                });
                return flows.compile("flow " + row.docKey() + " (version " + id + ")", content, id);
            } catch (IOException e) {
                throw new IllegalStateException("stored flow version " + id + " is not JSON", e);
            }
        });
    }

    /** The version number shown to people: 1 for the first stored version of the flow, and so on. */
    public int versionNumber(String key, long versionId) {
        return (int) (long) tx.read(c -> versions.countByKindAndDocKeyAndIdLessThanEquals(KIND, key, versionId));
    }

    private static FlowDefinition withVersion(FlowDefinition d, long id) {
        return new FlowDefinition(d.key(), d.label(), d.form(), d.trigger(), d.actionLabel(), d.permission(),
                d.startWhen(), d.perApplicant(), d.locksRecord(), d.resubmitAtReturnedNode(), d.fallback(),
                d.onStart(), d.onApprove(), d.onReject(), d.onWithdraw(), d.cc(), d.changeRules(), d.startLimit(),
                d.nodes(), id);
    }
}
