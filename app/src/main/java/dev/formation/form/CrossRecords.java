package dev.formation.form;

import java.util.List;

/**
 * What a form declares about its records' relation to other records: ranges that may not
 * overlap ({@code noOverlap}), progress measured on other forms ({@code progress}), new records
 * pre-filled from a day's records ({@code daySummary}). Each part is empty or null when the
 * form does not declare it.
 */
public record CrossRecords(List<NoOverlap> noOverlap, Progress progress, DaySummary daySummary) {

    public static final CrossRecords NONE = new CrossRecords(List.of(), null, null);

    public CrossRecords {
        noOverlap = List.copyOf(noOverlap);
    }
}
