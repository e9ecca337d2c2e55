package dev.formation.form;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The JSON Schema of every form of a catalog, compiled once with it. */
public final class FormSchemas {

    private final Map<String, JsonNode> byForm = new LinkedHashMap<>();

    /**
     * @param formatPatterns the pattern a field format (from a plugin) publishes, by format name
     */
    public FormSchemas(FormCatalog forms, Function<String, Optional<String>> formatPatterns) {
        RecordSchemaCompiler compiler = new RecordSchemaCompiler(formatPatterns);
        forms.forms().forEach(f -> byForm.put(f.key(), compiler.compile(f)));
    }

    /** The form's schema as the API serves it; callers must not change it. */
    public JsonNode of(Form form) {
        JsonNode schema = byForm.get(form.key());
        if (schema == null) {
            throw new IllegalArgumentException("no schema for form " + form.key());
        }
        return schema;
    }
}
