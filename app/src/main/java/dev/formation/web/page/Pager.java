package dev.formation.web.page;

import dev.formation.store.RecordPage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Page links around the current page: first, last and two either side, gaps shown as ellipses.
 * When the total is only a lower bound the last page is unknown and the links end in a gap.
 */
public final class Pager {

    private Pager() {
    }

    public static Map<String, Object> of(RecordPage page, QueryString query) {
        long pages = Math.max(1, (page.total() + page.size() - 1) / page.size());
        int current = page.page();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("page", current);
        out.put("pages", pages);
        out.put("prev", current > 1 ? href(query, current - 1) : "");
        out.put("next", current < pages ? href(query, current + 1) : "");
        List<Map<String, Object>> links = new ArrayList<>();
        long last = 0;
        for (long p = 1; p <= pages; p++) {
            // a capped count does not know the last page: no link pretends to
            boolean lastKnown = p == pages && page.totalExact();
            if (p == 1 || lastKnown || Math.abs(p - current) <= 2) {
                if (p - last > 1) {
                    links.add(Map.of("gap", true));
                }
                links.add(Map.of("gap", false, "number", p, "href", href(query, p), "current", p == current));
                last = p;
            }
        }
        if (!page.totalExact() && last < pages) {
            links.add(Map.of("gap", true));
        }
        out.put("links", links);
        return out;
    }

    private static String href(QueryString query, long page) {
        return page == 1 ? query.without("page").href() : query.with("page", Long.toString(page)).href();
    }
}
