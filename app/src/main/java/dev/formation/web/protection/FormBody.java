package dev.formation.web.protection;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A posted {@code application/x-www-form-urlencoded} body, decoded here rather than by the
 * framework's binding, which mangles keys such as {@code lines[0].price}. Repeated keys keep
 * their order, which the boolean and multi-value inputs rely on. {@link CsrfFilter} decodes a
 * page's post once, checks its token and leaves it on the request; {@link FormBodyBinder} hands
 * it to the handler that declares a {@code FormBody} argument, so a handler only ever sees a
 * body that passed the check.
 */
public final class FormBody {

    static final String ATTRIBUTE = "formation.form-body";
    private static final int MAX_PARAMS = 10_000;
    private static final FormBody EMPTY = new FormBody(Map.of());

    private final Map<String, List<String>> values;

    private FormBody(Map<String, List<String>> values) {
        this.values = values;
    }

    static FormBody parse(String body) {
        if (body == null || body.isEmpty()) {
            return EMPTY;
        }
        return new FormBody(new QueryStringDecoder(body, StandardCharsets.UTF_8, false, MAX_PARAMS).parameters());
    }

    /** What a post that sent no form (or no body at all) holds. */
    static FormBody empty() {
        return EMPTY;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The first value, or null when the key was not sent. */
    public String first(String key) {
        List<String> list = values.get(key);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    /** The last value: a checked box comes after its hidden "false". */
    public String last(String key) {
        List<String> list = values.get(key);
        return list == null || list.isEmpty() ? null : list.get(list.size() - 1);
    }

    public List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    public Set<String> keys() {
        return values.keySet();
    }
}
