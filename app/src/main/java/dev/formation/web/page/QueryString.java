package dev.formation.web.page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The list page's current query, to build links that change one thing (tab, page, sort) and
 * keep the rest, so a user never loses their search by clicking a column header.
 */
public final class QueryString {

    private final String path;
    private final Map<String, String> params;

    private QueryString(String path, Map<String, String> params) {
        this.path = path;
        this.params = params;
    }

    public static QueryString of(String path, Map<String, List<String>> request) {
        Map<String, String> params = new LinkedHashMap<>();
        request.forEach((key, values) -> {
            if (!values.isEmpty() && !values.get(0).isBlank()) {
                params.put(key, values.get(0));
            }
        });
        return new QueryString(path, params);
    }

    public String get(String key) {
        return params.get(key);
    }

    /** Another query with {@code key} set, or removed when {@code value} is null or blank. */
    public QueryString with(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(params);
        if (value == null || value.isBlank()) {
            next.remove(key);
        } else {
            next.put(key, value);
        }
        return new QueryString(path, next);
    }

    public QueryString without(String key) {
        return with(key, null);
    }

    public String href() {
        if (params.isEmpty()) {
            return path;
        }
        StringJoiner query = new StringJoiner("&", path + "?", "");
        params.forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
