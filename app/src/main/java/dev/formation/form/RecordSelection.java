package dev.formation.form;

import java.util.List;
import java.util.Map;

/**
 * The live records of another form that belong to one person within a period: those whose
 * {@code person} field (a user field, or the platform's {@code owner} / {@code created_by})
 * names the person and whose {@code date} field (a date or date-time field, or
 * {@code created_at}) falls within the period, only those whose {@code where} fields hold one
 * of the listed values. Targets measure their progress with it, a day's summary lists with it.
 */
public record RecordSelection(String form, String person, String date, Map<String, List<String>> where) {

    public RecordSelection {
        where = Map.copyOf(where);
    }
}
