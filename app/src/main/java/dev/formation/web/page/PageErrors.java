package dev.formation.web.page;

import dev.formation.core.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's field errors for the account and administration pages: each under its input, and
 * all in the summary at the top. Those services name fields by their API keys ("delegate",
 * "password"), so a message that starts with the key gets the input's label instead.
 */
public final class PageErrors {

    private final List<FieldError> errors;
    private final Map<String, String> labels;

    public PageErrors(List<FieldError> errors) {
        this(errors, Map.of());
    }

    /** @param labels field key → the label its input has on the page */
    public PageErrors(List<FieldError> errors, Map<String, String> labels) {
        this.errors = List.copyOf(errors);
        this.labels = labels;
    }

    public static PageErrors none() {
        return new PageErrors(List.of());
    }

    /** {@code all}: every message; {@code fields}: field → its messages, for the text under the input. */
    public Map<String, Object> model() {
        List<String> all = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String message = message(error);
            all.add(message);
            fields.merge(error.field(), message, (a, b) -> a + " " + b);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("all", all);
        out.put("fields", fields);
        return out;
    }

    private String message(FieldError error) {
        String label = labels.get(error.field());
        String message = error.message();
        if (label != null && message.startsWith(error.field())) {
            return label + message.substring(error.field().length());
        }
        return message;
    }
}
