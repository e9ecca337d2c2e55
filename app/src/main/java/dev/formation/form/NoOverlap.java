package dev.formation.form;

import dev.formation.plugin.api.Message;

import java.util.List;

/**
 * A form's {@code noOverlap} constraint: no two live records with the same values in the
 * {@code per} fields may have ranges [{@code start}, {@code end}] that share a day. Checked in
 * the write's transaction, holding a lock per group of records so two writers cannot both
 * pass; the error is reported on {@code field} (the start by default).
 *
 * @param message the error, or null for the platform's own
 */
public record NoOverlap(String key, List<String> per, String start, String end, String field, Message message) {

    public NoOverlap {
        per = List.copyOf(per);
    }
}
