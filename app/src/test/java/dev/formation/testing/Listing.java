package dev.formation.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Every item of a record list, page after page, as one user sees it. */
public final class Listing {

    public static final int PAGE_SIZE = 200;

    private Listing() {
    }

    /**
     * All items of {@code path} (a records list URL, with or without a query string) for the
     * caller; checks that the pages add up to the reported {@code total}.
     */
    public static List<JsonNode> all(Api.Call call, String path) {
        List<JsonNode> out = new ArrayList<>();
        String sep = path.contains("?") ? "&" : "?";
        long total = -1;
        for (int page = 1; page < 1000; page++) {
            JsonNode body = call.get(path + sep + "size=" + PAGE_SIZE + "&page=" + page).expect(200).json();
            total = body.get("total").asLong();
            body.get("items").forEach(out::add);
            if (body.get("items").size() < PAGE_SIZE) {
                break;
            }
        }
        if (out.size() != total) {
            throw new AssertionError(path + ": the pages hold " + out.size() + " items but total says " + total);
        }
        return out;
    }

    public static boolean restricted(JsonNode item) {
        return item.has("_restricted") && item.get("_restricted").asBoolean();
    }

    /** Items the caller may open (not list-only). */
    public static List<JsonNode> readable(List<JsonNode> items) {
        return items.stream().filter(i -> !restricted(i)).toList();
    }

    public static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(i -> i.get("id").asLong()).toList();
    }
}
