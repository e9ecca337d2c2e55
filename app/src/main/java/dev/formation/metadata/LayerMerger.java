package dev.formation.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deep-merges an overlay document onto a base one, as EspoCRM layers custom metadata on
 * shipped metadata: maps merge key by key; a list of objects that carry a {@code key}
 * merges entry by entry (same key: merge, new key: append, or insert after the entry named
 * by {@code $after}; {@code $remove: true}: remove); any other value is replaced.
 */
public final class LayerMerger {

    static final String KEY = "key";
    static final String REMOVE = "$remove";
    static final String AFTER = "$after";

    private LayerMerger() {
    }

    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        overlay.forEach((name, value) -> result.put(name, mergeValue(result.get(name), value)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object base, Object overlay) {
        if (base instanceof Map<?, ?> baseMap && overlay instanceof Map<?, ?> overlayMap) {
            return merge((Map<String, Object>) baseMap, (Map<String, Object>) overlayMap);
        }
        if (base instanceof List<?> baseList && overlay instanceof List<?> overlayList
                && isKeyedList(baseList) && isKeyedList(overlayList)) {
            return mergeKeyedLists((List<Map<String, Object>>) baseList, (List<Map<String, Object>>) overlayList);
        }
        return overlay;
    }

    private static boolean isKeyedList(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(e -> e instanceof Map<?, ?> m && m.get(KEY) != null);
    }

    private static List<Map<String, Object>> mergeKeyedLists(List<Map<String, Object>> base,
                                                             List<Map<String, Object>> overlay) {
        List<Map<String, Object>> result = new ArrayList<>(base);
        for (Map<String, Object> entry : overlay) {
            Object key = entry.get(KEY);
            int at = indexOf(result, key);
            if (Boolean.TRUE.equals(entry.get(REMOVE))) {
                if (at >= 0) {
                    result.remove(at);
                }
                continue;
            }
            Map<String, Object> clean = new LinkedHashMap<>(entry);
            Object after = clean.remove(AFTER);
            if (at >= 0) {
                result.set(at, merge(result.get(at), clean));
            } else {
                int anchor = after == null ? -1 : indexOf(result, after);
                result.add(anchor >= 0 ? anchor + 1 : result.size(), clean);
            }
        }
        return result;
    }

    private static int indexOf(List<Map<String, Object>> list, Object key) {
        for (int i = 0; i < list.size(); i++) {
            if (Objects.equals(String.valueOf(list.get(i).get(KEY)), String.valueOf(key))) {
                return i;
            }
        }
        return -1;
    }
}
