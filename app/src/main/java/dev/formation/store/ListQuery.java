package dev.formation.store;

import java.util.List;
import java.util.Map;

/**
 * A page of a form's list: keywords (each must match one of the form's search fields),
 * equality filters on columns, sort keys ({@code -name} is descending), and an optional
 * condition such as the viewer's row scope.
 */
public record ListQuery(List<String> keywords, Map<String, Object> filters, List<String> sort,
                        int page, int size, SqlCondition scope) {

    public static final int MAX_SIZE = 200;

    public ListQuery {
        page = Math.max(page, 1);
        size = Math.min(Math.max(size, 1), MAX_SIZE);
        scope = scope == null ? SqlCondition.NONE : scope;
    }

    public int offset() {
        return (page - 1) * size;
    }
}
