package dev.formation.report;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.Option;
import dev.formation.plugin.api.Message;

import java.util.List;

/** A compiled report: where its rows come from, what they hold and how they are shown. */
public record ReportDefinition(String key, Message label, Form form, List<Join> joins, List<Param> params,
                               List<Filter> filters, List<Output> columns, List<Output> groups,
                               List<Measure> measures, List<String> sort, Integer limit, Presentation presentation) {

    /** A reference field of the source form followed to its record, under an alias. */
    public record Join(String alias, Field field, Form target) {
    }

    /** A parameter the viewer may set; {@code defaultValue} may be symbolic (this_month, $user). */
    public record Param(String key, String type, Message label, String defaultValue, List<Option> options) {
    }

    public record Filter(Ref ref, String op, Object value, String param) {
    }

    /** A column of the result: a field (possibly bucketed) under a key, with its label and type. */
    public record Output(String key, Ref ref, String bucket, Message label) {
    }

    public record Measure(String key, String fn, Ref ref, Message label) {
    }

    public record Presentation(String type, String category, List<String> values, String template, boolean drill) {
    }

    /**
     * A resolved field reference: the table alias ({@code t} for the source form) and the
     * column, with the field when it is a form field (null for platform columns).
     */
    public record Ref(String alias, String column, Field field, Form form) {
    }

    public boolean isAggregate() {
        return !measures.isEmpty();
    }

    /** Output keys in order: groups then measures, or the detail columns. */
    public List<String> outputKeys() {
        if (isAggregate()) {
            return java.util.stream.Stream.concat(groups.stream().map(Output::key), measures.stream().map(Measure::key))
                    .toList();
        }
        return columns.stream().map(Output::key).toList();
    }
}
