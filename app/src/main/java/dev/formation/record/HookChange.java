package dev.formation.record;

import dev.formation.plugin.api.RecordChange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a hook sees of a write: copies it cannot change, so no hook alters what the engine stores. */
record HookChange(Operation operation, String formKey, Long id, Map<String, Object> storedValues,
                  Map<String, Object> newValues, String userId, boolean onBehalfOfFlow) implements RecordChange {

    HookChange {
        storedValues = frozen(storedValues);
        newValues = frozen(newValues);
    }

    @Override
    public Optional<Long> recordId() {
        return Optional.ofNullable(id);
    }

    private static Map<String, Object> frozen(Map<?, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(String.valueOf(key), frozenValue(value)));
        return Collections.unmodifiableMap(out);
    }

    private static Object frozenValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return frozen(map);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(frozenValue(item)));
            return Collections.unmodifiableList(out);
        }
        return value;
    }
}
