package dev.formation.record;

import dev.formation.core.BadRequestException;
import dev.formation.form.Form;
import dev.formation.store.ListQuery;
import dev.formation.store.RecordStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list's request parameters ({@code q}, filters, {@code sort}, {@code page}, {@code size}) read as a
 * {@link ListQuery}, the same for the API and the list page, so a link means the same list on both.
 */
public final class ListQueries {

    private ListQueries() {
    }

    /** Builds a list query; sort keys and filters must name the form's columns, else 400. */
    public static ListQuery parse(Form form, Map<String, List<String>> params, String q, Integer page, Integer size,
                                  String sort) {
        List<String> keywords = q == null ? List.of()
                : Arrays.stream(q.trim().split("\\s+")).filter(k -> !k.isEmpty()).limit(10).toList();
        List<String> sortKeys = new ArrayList<>();
        String sortText = sort == null || sort.isBlank() ? form.defaultSort() : sort;
        for (String key : sortText.split(",", -1)) {
            String column = key.trim().startsWith("-") ? key.trim().substring(1) : key.trim();
            if (!RecordStore.isListColumn(form, column)) {
                throw new BadRequestException("problem.badParam", "sort", column);
            }
            sortKeys.add(key.trim());
        }
        Map<String, Object> filters = new LinkedHashMap<>();
        for (String column : form.filters()) {
            List<String> values = params.get(column);
            if (values != null && !values.isEmpty() && !values.get(0).isBlank()) {
                filters.put(column, FilterValues.parse(form, column, values.get(0)));
            }
        }
        for (String platform : List.of("status", "owner")) {
            List<String> values = params.get(platform);
            if (!filters.containsKey(platform) && values != null && !values.isEmpty() && !values.get(0).isBlank()) {
                filters.put(platform, FilterValues.parse(form, platform, values.get(0)));
            }
        }
        if (size != null && (size < 1 || size > ListQuery.MAX_SIZE)) {
            throw new BadRequestException("problem.badParam", "size", "1.." + ListQuery.MAX_SIZE);
        }
        if (page != null && page < 1) {
            throw new BadRequestException("problem.badParam", "page", ">= 1");
        }
        return new ListQuery(keywords, filters, sortKeys, page == null ? 1 : page, size == null ? 20 : size, null);
    }
}
