package dev.formation.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

/**
 * An option a stored record already holds stays valid while the record keeps it, as a reference
 * it holds does: a publish may take an option away (a version restored from before it, a
 * dictionary narrowed), and the records that chose it must stay editable in their other fields
 * without losing the value. Choosing such an option anew is still refused.
 */
final class HeldOptions {

    private HeldOptions() {
    }

    /**
     * Whether a schema error is only that: an {@code enum}/{@code const} value the stored record
     * holds at the same place (a field, an item of a multiselect, a column of the sub-table row
     * with the same id).
     */
    static boolean isHeld(Error error, JsonNode candidate, JsonNode stored) {
        if (!"enum".equals(error.getKeyword()) && !"const".equals(error.getKeyword()) || stored.isEmpty()) {
            return false;
        }
        JsonNode value = error.getInstanceNode();
        if (value == null || value.isNull()) {
            return false;
        }
        NodePath location = error.getInstanceLocation();
        JsonNode at = candidate;
        JsonNode held = stored;
        for (int i = 0; i < location.getNameCount(); i++) {
            Object segment = location.getElement(i);
            Integer index = index(segment);
            if (index == null) {
                at = at.path(String.valueOf(segment));
                held = held.path(String.valueOf(segment));
                continue;
            }
            at = at.path(index);
            if (!at.isObject()) {
                // an item of a multiselect: held when the stored list has it anywhere
                return i == location.getNameCount() - 1 && contains(held, value);
            }
            held = rowWithId(held, at.path("id"));
        }
        return value.equals(held);
    }

    private static Integer index(Object segment) {
        if (segment instanceof Integer i) {
            return i;
        }
        return segment instanceof String s && s.matches("\\d+") ? Integer.valueOf(s) : null;
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        if (list.isArray()) {
            for (JsonNode item : list) {
                if (value.equals(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The stored sub-table row with this id; none for a new row (no id yet). */
    private static JsonNode rowWithId(JsonNode rows, JsonNode id) {
        if (rows.isArray() && id.isIntegralNumber()) {
            for (JsonNode row : rows) {
                if (row.path("id").isIntegralNumber() && row.path("id").asLong() == id.asLong()) {
                    return row;
                }
            }
        }
        return MissingNode.getInstance();
    }
}
