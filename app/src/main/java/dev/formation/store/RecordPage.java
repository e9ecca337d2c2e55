package dev.formation.store;

import java.util.List;
import java.util.Map;

/**
 * One page of records and how many matched.
 *
 * @param totalExact false when the count stopped at a cap: {@code total} is then a lower bound
 *                   (there are at least that many), so that a list over a million rows does not
 *                   scan them all to print a number nobody pages through
 */
public record RecordPage(List<Map<String, Object>> items, long total, int page, int size, boolean totalExact) {

    public RecordPage(List<Map<String, Object>> items, long total, int page, int size) {
        this(items, total, page, size, true);
    }
}
