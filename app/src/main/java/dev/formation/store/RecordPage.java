package dev.formation.store;

import java.util.List;
import java.util.Map;

/** One page of records and the total that matched. */
public record RecordPage(List<Map<String, Object>> items, long total, int page, int size) {
}
