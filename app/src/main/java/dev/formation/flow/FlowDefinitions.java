package dev.formation.flow;

import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataSet;
import dev.formation.security.RoleCatalog;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The flows of {@code metadata/flows/}, compiled and checked (a broken one stops start-up with
 * file, path and reason; two flows may not start on the same action of a form). Their stored
 * version ids come from the database, through {@link FlowCatalog}.
 */
public final class FlowDefinitions {

    static final String KIND = "flow";

    private final Map<String, FlowDefinition> byKey = new LinkedHashMap<>();
    private final FlowCompiler compiler;

    public FlowDefinitions(MetadataSet metadata, FormCatalog forms, RoleCatalog roles) {
        this.compiler = new FlowCompiler(forms, roles);
        Map<String, String> triggers = new HashMap<>();
        for (MetadataDocument doc : metadata.all(KIND)) {
            FlowDefinition def = compiler.compile(doc.source(), doc.content(), 0);
            String previous = triggers.putIfAbsent(def.form() + "/" + def.trigger(), doc.key());
            if (previous != null) {
                throw new MetadataException(doc.source(), "/trigger", "flow '" + previous
                        + "' already starts on '" + def.trigger() + "' of form '" + def.form() + "'");
            }
            byKey.put(doc.key(), def);
        }
    }

    /** The definitions without their stored version (version id 0). */
    Collection<FlowDefinition> all() {
        return Collections.unmodifiableCollection(byKey.values());
    }

    Optional<FlowDefinition> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Compiles a stored version against this snapshot's forms and roles. */
    FlowDefinition compile(String source, Map<String, Object> content, long versionId) {
        return compiler.compile(source, content, versionId);
    }
}
