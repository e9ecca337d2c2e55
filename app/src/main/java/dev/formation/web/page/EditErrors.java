package dev.formation.web.page;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.core.FieldError;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's field errors, placed on the edit page: each under its input (paths such as
 * {@code lines[0].price} under that row's cell), and all of them in the summary at the top,
 * linked to the input they belong to.
 */
public final class EditErrors {

    public static final EditErrors NONE = new EditErrors(List.of());

    private static final Pattern CELL = Pattern.compile("^([A-Za-z0-9_]+)\\[(\\d+)\\]\\.([A-Za-z0-9_]+).*$");

    private final List<FieldError> errors;
    private final Map<String, List<String>> byPath = new LinkedHashMap<>();

    public EditErrors(List<FieldError> errors) {
        this.errors = List.copyOf(errors);
        errors.forEach(e -> byPath.computeIfAbsent(e.field(), k -> new ArrayList<>()).add(e.message()));
    }

    /** Errors about the path exactly, e.g. one table cell. */
    public String at(String path) {
        return String.join(" ", byPath.getOrDefault(path, List.of()));
    }

    /** Errors about a top-level field, including its parts (an address's text, a list's items), not its rows. */
    public String forField(Field field) {
        List<String> out = new ArrayList<>();
        byPath.forEach((path, messages) -> {
            boolean mine = path.equals(field.key()) || path.startsWith(field.key() + ".")
                    || (path.startsWith(field.key() + "[") && (!field.isTable() || !path.contains("].")));
            if (mine) {
                out.addAll(messages);
            }
        });
        return String.join(" ", out);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Every message, each with the id of the input it belongs to when the page has one. */
    public List<Map<String, Object>> summary(Form form) {
        List<String> order = form.fields().stream().map(Field::key).toList();
        List<FieldError> sorted = new ArrayList<>(errors);
        // in the order the page shows the fields, so the list reads top to bottom like the form
        sorted.sort(Comparator.comparingInt(e -> {
            int at = order.indexOf(e.field().split("[.\\[]", 2)[0]);
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        List<Map<String, Object>> out = new ArrayList<>();
        for (FieldError error : sorted) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("message", error.message());
            item.put("anchor", anchor(form, error.field()));
            out.add(item);
        }
        return out;
    }

    private static String anchor(Form form, String path) {
        Matcher cell = CELL.matcher(path);
        if (cell.matches() && form.field(cell.group(1)).filter(Field::isTable).isPresent()) {
            return "f-" + cell.group(1) + "-" + cell.group(2) + "-" + cell.group(3);
        }
        String key = path.split("[.\\[]", 2)[0];
        return form.hasField(key) ? "f-" + key : "";
    }
}
