package dev.formation.web.page.records;

import dev.formation.form.Form;
import dev.formation.record.ListQueries;
import dev.formation.record.RecordService;
import dev.formation.store.ListQuery;
import dev.formation.web.page.QueryString;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a link to a form's list page lists: the view ({@code ?view=unowned}) and the query
 * (search, filters, sort, page). The list page reads its own address through here, and so does
 * anything that says how many rows a link leads to (the home page's cards), so the number on a
 * card is the total of the list it opens.
 */
record ListLink(RecordService.View view, ListQuery query) {

    static final int PAGE_SIZE = 20;

    /** The list page's address, read as the list page reads it; a hand-edited page or size falls back. */
    static ListLink of(Form form, QueryString query, Map<String, List<String>> params) {
        ListQuery listQuery = ListQueries.parse(form, params, query.get("q"), number(query.get("page"), 1),
                Math.min(number(query.get("size"), PAGE_SIZE), ListQuery.MAX_SIZE), query.get("sort"));
        return new ListLink(ListView.view(query.get("view")), listQuery);
    }

    /**
     * The list a link opens, when it is the list page of {@code form} ({@code /forms/{form}} with
     * or without a query); empty for any other address, which leads to something else than a list.
     */
    static Optional<ListLink> parse(Form form, String href) {
        URI uri;
        try {
            uri = URI.create(href);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String path = "/forms/" + form.key();
        if (uri.getScheme() != null || uri.getAuthority() != null || !path.equals(uri.getPath())) {
            return Optional.empty();
        }
        Map<String, List<String>> params = params(uri.getRawQuery());
        return Optional.of(of(form, QueryString.of(path, params), params));
    }

    private static Map<String, List<String>> params(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** A hand-edited page number is not worth an error page: anything unreadable means the default. */
    private static int number(String text, int fallback) {
        try {
            int n = text == null ? fallback : Integer.parseInt(text.trim());
            return n < 1 ? fallback : n;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
