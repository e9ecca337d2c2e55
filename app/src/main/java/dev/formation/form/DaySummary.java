package dev.formation.form;

import dev.formation.plugin.api.Message;

import java.util.List;
import java.util.Map;

/**
 * A form's {@code daySummary}: a new record opens with fields filled from the author's records
 * of other forms on one day (the {@code day} field's value, today by default), which the author
 * may edit before saving. Each source picks records ({@link RecordSelection}: the author is
 * the person); each fill says what a field gets from them: a count, a sum, or a text listing
 * the records of some sources, one line per source.
 */
public record DaySummary(String day, List<Source> sources, Map<String, Fill> fills) {

    public DaySummary {
        sources = List.copyOf(sources);
        fills = Map.copyOf(fills);
    }

    /** @param show the other form's fields that describe one record in a listing */
    public record Source(String key, Message label, RecordSelection records, List<String> show) {
        public Source {
            show = List.copyOf(show);
        }
    }

    /** What a field is filled with. */
    public enum Op {
        COUNT, SUM, LIST
    }

    /**
     * @param sources the sources read: one for a count or a sum, those listed (in order) for a list
     * @param of      the summed field of the source's form (a sum only)
     */
    public record Fill(Op op, List<String> sources, String of) {
        public Fill {
            sources = List.copyOf(sources);
        }
    }

    public Source source(String key) {
        return sources.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }
}
