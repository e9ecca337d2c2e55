package dev.formation.metadata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a list whose entries name the same thing twice: two fields {@code wechat} in a form,
 * two options {@code sme} in a dictionary, two nodes of a flow, two demo users {@code sales1},
 * two report columns with one alias. The layer merger matches entries by key, so a second entry
 * would be merged over the first or shadowed by it without a word; checked in every file of
 * every layer, before merging, so the error names the file that has the duplicate.
 */
final class DuplicateKeys {

    /**
     * The properties that identify an entry of a list, of any kind: {@code key} (fields, options,
     * nodes, menu items, measures...), {@code username} (demo users), {@code as} (a report's
     * joins, columns and groupings, which become SQL aliases) and {@code ref} (demo records).
     */
    static final List<String> IDENTIFIERS = List.of(LayerMerger.KEY, "username", "as", "ref");

    private DuplicateKeys() {
    }

    /** Throws {@link MetadataException} at the first entry that repeats an earlier one's identifier. */
    static void check(String source, Map<String, Object> content) {
        walk(source, content, "");
    }

    private static void walk(String source, Object node, String pointer) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, value) -> walk(source, value, pointer + "/" + escape(String.valueOf(name))));
        } else if (node instanceof List<?> list) {
            for (String identifier : IDENTIFIERS) {
                Map<String, Integer> firstAt = new HashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> entry && entry.get(identifier) != null) {
                        String value = String.valueOf(entry.get(identifier));
                        Integer first = firstAt.putIfAbsent(value, i);
                        if (first != null) {
                            throw new MetadataException(source, pointer + "/" + i + "/" + identifier,
                                    "duplicate " + identifier + " '" + value + "': the entry at " + pointer + "/"
                                            + first + " has it already");
                        }
                    }
                }
            }
            for (int i = 0; i < list.size(); i++) {
                walk(source, list.get(i), pointer + "/" + i);
            }
        }
    }

    /** JSON Pointer escaping (RFC 6901), as the meta-schema errors write their paths. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
