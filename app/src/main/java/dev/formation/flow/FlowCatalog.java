package dev.formation.flow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataSet;
import dev.formation.core.NotFoundException;
import dev.formation.security.RoleCatalog;
import dev.formation.store.Tx;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flows of {@code metadata/flows/}, compiled when the app starts (a broken one stops the
 * start with file, path and reason), and every earlier version an instance may still run on.
 * Versions are the rows {@code metadata_versions} keeps for kind {@code flow}.
 */
@Context
@Singleton
public class FlowCatalog {

    static final String KIND = "flow";

    private final FlowCompiler compiler;
    private final Tx tx;
    private final Map<String, FlowDefinition> checked = new LinkedHashMap<>();
    private final Map<String, FlowDefinition> current = new ConcurrentHashMap<>();
    private final Map<Long, FlowDefinition> snapshots = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public FlowCatalog(MetadataSet metadata, FormCatalog forms, RoleCatalog roles, Tx tx) {
        this.compiler = new FlowCompiler(forms, roles);
        this.tx = tx;
        Map<String, String> triggers = new HashMap<>();
        for (MetadataDocument doc : metadata.all(KIND)) {
            FlowDefinition def = compiler.compile(doc.source(), doc.content(), 0);
            String previous = triggers.putIfAbsent(def.form() + "/" + def.trigger(), doc.key());
            if (previous != null) {
                throw new MetadataException(doc.source(), "/trigger", "flow '" + previous
                        + "' already starts on '" + def.trigger() + "' of form '" + def.form() + "'");
            }
            checked.put(doc.key(), def);
        }
    }

    public Collection<FlowDefinition> all() {
        return checked.values().stream().map(d -> current(d.key())).toList();
    }

    /** The flow a record action starts, if the form has one. */
    public Optional<FlowDefinition> forTrigger(String form, String trigger) {
        return checked.values().stream().filter(d -> d.form().equals(form) && d.trigger().equals(trigger))
                .findFirst().map(d -> current(d.key()));
    }

    public List<FlowDefinition> forForm(String form) {
        return checked.values().stream().filter(d -> d.form().equals(form)).map(d -> current(d.key())).toList();
    }

    public Optional<FlowDefinition> find(String key) {
        return checked.containsKey(key) ? Optional.of(current(key)) : Optional.empty();
    }

    /**
     * The definition in force, with the id of its stored version. The id is looked up once,
     * after start-up recorded the versions.
     */
    private FlowDefinition current(String key) {
        return current.computeIfAbsent(key, k -> {
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
            FlowDefinition def = checked.get(k);
            return withVersion(def, id);
        });
    }

    /** The definition an instance started on. */
    public FlowDefinition snapshot(long versionId) {
        return snapshots.computeIfAbsent(versionId, id -> {
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
                return compiler.compile("flow " + row[0] + " (version " + id + ")", content, id);
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
