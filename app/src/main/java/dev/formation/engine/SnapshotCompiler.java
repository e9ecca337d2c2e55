package dev.formation.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.formation.flow.FlowDefinitions;
import dev.formation.form.FormCatalog;
import dev.formation.form.FormCompiler;
import dev.formation.form.FormSchemas;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataSet;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.plugin.PluginRegistry;
import dev.formation.plugin.api.FieldFormat;
import dev.formation.report.ReportCatalog;
import dev.formation.security.RoleCatalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Compiles a merged metadata set into a snapshot: forms, dictionaries and menus, each form's
 * JSON Schema, roles, flows, reports and dashboards, in the order they depend on each other.
 * A broken definition throws {@link dev.formation.metadata.MetadataException} and no snapshot
 * is made, so the one in force keeps serving.
 */
public final class SnapshotCompiler {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private SnapshotCompiler() {
    }

    /** Compiles with the field formats the plugins provide. */
    public static MetadataSnapshot compile(MetadataSet set, PluginRegistry plugins) {
        return compile(set, plugins.formatNames(), name -> plugins.format(name).flatMap(FieldFormat::pattern));
    }

    /**
     * @param formatNames    the field formats plugins provide
     * @param formatPatterns the pattern each of those formats publishes for the JSON Schema
     */
    public static MetadataSnapshot compile(MetadataSet set, Set<String> formatNames,
                                           Function<String, Optional<String>> formatPatterns) {
        FormCatalog forms = new FormCompiler(set, formatNames).compile();
        FormSchemas schemas = new FormSchemas(forms, formatPatterns);
        RoleCatalog roles = new RoleCatalog(set, forms);
        FlowDefinitions flows = new FlowDefinitions(set, forms, roles);
        ReportCatalog reports = new ReportCatalog(set, forms);
        return new MetadataSnapshot(version(set), set, List.of(forms, schemas, roles, flows, reports));
    }

    /** The first 8 bytes of the SHA-256 of every definition's kind, key and content. */
    static long version(MetadataSet set) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String kind : set.kinds()) {
                for (MetadataDocument doc : set.all(kind)) {
                    digest.update(JSON.writeValueAsBytes(Map.of("kind", kind, "key", doc.key(), "content", doc.content())));
                    digest.update((byte) '\n');
                }
            }
            return ByteBuffer.wrap(digest.digest()).getLong();
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint the metadata", e);
        }
    }
}
