package dev.formation.metadata;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one metadata file with SnakeYAML's safe constructor (no arbitrary types) and
 * turns YAML timestamps back into ISO strings, since metadata speaks JSON types only.
 */
final class YamlFiles {

    private YamlFiles() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String source, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(5 * 1024 * 1024);
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            String where = mark == null ? "/" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new MetadataException(source, where, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new MetadataException(source, "/", "not valid YAML: " + e.getMessage());
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new MetadataException(source, "/", "a metadata file must be a YAML mapping (key: value lines)");
        }
        return (Map<String, Object>) plain(map);
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof Date date) {
            LocalDateTime utc = LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
            return utc.toLocalTime().toSecondOfDay() == 0 ? utc.toLocalDate().toString() : utc.toString();
        }
        return value;
    }
}
