package dev.formation.metadata;

import java.util.List;
import java.util.Map;

/**
 * One definition after layering: its kind ("form", "dictionary", ...), its key, the merged
 * content and the files it came from (shipped first, then overlays), for error messages.
 */
public record MetadataDocument(String kind, String key, Map<String, Object> content, List<String> sources) {

    public String source() {
        return String.join(" + ", sources);
    }
}
