package dev.formation.form;

import java.util.List;
import java.util.Map;

/**
 * A text field that offers candidates from a lookup source as the user types ({@code lookup:}
 * in metadata): choosing one fills other fields of the form, {@code fill} mapping each of the
 * candidate's attributes to the fields it fills. What it fills is only typed in for the user:
 * every value still goes through the field's checks when the record is saved.
 */
public record FieldLookup(String source, Map<String, List<String>> fill) {

    /** The only source so far: companies by name or credit code, from the company lookup plugins. */
    public static final String COMPANY = "company";

    public FieldLookup {
        fill = Map.copyOf(fill);
    }

    /** Every field this lookup fills. */
    public List<String> targets() {
        return fill.values().stream().flatMap(List::stream).toList();
    }
}
