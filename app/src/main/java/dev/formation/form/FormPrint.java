package dev.formation.form;

import dev.formation.plugin.api.Message;

import java.util.List;

/**
 * A printable document of a form's records: a hand-designed template (a file name, resolved by
 * the report package) filled with one record, its sub-tables and the {@link Related} records that
 * refer to it. The engine knows nothing of what the document is; metadata names all of it.
 */
public record FormPrint(String key, Message label, String template, List<Related> related) {

    public FormPrint {
        related = List.copyOf(related);
    }

    /**
     * Records of {@code form} whose reference {@code field} names the printed record: the first
     * {@code limit} by {@code sort} ({@code -column} descending), given to the template under {@code key}.
     */
    public record Related(String key, Message label, String form, String field, String sort, int limit) {
    }
}
