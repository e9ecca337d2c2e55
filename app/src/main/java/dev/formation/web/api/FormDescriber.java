package dev.formation.web.api;

import dev.formation.form.DaySummary;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.FormRule;
import dev.formation.form.NoOverlap;
import dev.formation.form.Option;
import dev.formation.form.Progress;
import dev.formation.plugin.api.Message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A compiled form as JSON: what a client needs to draw and pre-check it. */
public final class FormDescriber {

    private FormDescriber() {
    }

    public static Map<String, Object> summary(Form form) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", form.key());
        out.put("label", form.label().texts());
        out.put("href", "/api/forms/" + form.key());
        return out;
    }

    public static Map<String, Object> describe(Form form) {
        Map<String, Object> out = summary(form);
        out.remove("href");
        out.put("titleField", form.titleField());
        out.put("searchFields", form.searchFields());
        out.put("listColumns", form.listColumns());
        out.put("filters", form.filters());
        out.put("defaultSort", form.defaultSort());
        out.put("sections", form.sections().stream().map(s -> Map.of("key", s.key(), "label", s.label().texts())).toList());
        out.put("fields", fields(form.fields()));
        out.put("rules", form.rules().stream().map(FormDescriber::rule).toList());
        out.put("noOverlap", form.crossRecords().noOverlap().stream().map(FormDescriber::noOverlap).toList());
        Progress progress = form.crossRecords().progress();
        if (progress != null) {
            out.put("progress", progress.measures().stream().map(m -> Map.of("key", m.key(), "label", m.label().texts(),
                    "goal", m.goal())).toList());
        }
        DaySummary daySummary = form.crossRecords().daySummary();
        if (daySummary != null) {
            Map<String, Object> summary = new LinkedHashMap<>();
            put(summary, "day", daySummary.day());
            summary.put("fills", daySummary.fills().keySet().stream().sorted().toList());
            out.put("daySummary", summary);
        }
        return out;
    }

    /** A client cannot check an overlap itself (it needs the other records): it learns which fields the server compares. */
    private static Map<String, Object> noOverlap(NoOverlap rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", rule.key());
        out.put("per", rule.per());
        out.put("start", rule.start());
        out.put("end", rule.end());
        out.put("field", rule.field());
        put(out, "message", rule.message());
        return out;
    }

    private static Map<String, Object> rule(FormRule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", rule.key());
        out.put("field", rule.field());
        out.put("assert", rule.assertion().source());
        put(out, "when", rule.when() == null ? null : rule.when().source());
        out.put("message", rule.message().texts());
        return out;
    }

    private static List<Map<String, Object>> fields(List<Field> fields) {
        return fields.stream().map(FormDescriber::field).toList();
    }

    private static Map<String, Object> field(Field f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", f.key());
        out.put("type", f.type().metadataName());
        out.put("label", f.label().texts());
        put(out, "help", f.help());
        put(out, "section", f.section());
        out.put("required", f.required());
        if (f.unique()) {
            out.put("unique", true);
        }
        if (f.isSystemSet()) {
            out.put("readOnly", true);
        }
        put(out, "min", f.min());
        put(out, "max", f.max());
        put(out, "minLength", f.minLength());
        put(out, "maxLength", f.maxLength());
        put(out, "pattern", f.pattern() == null ? null : f.pattern().pattern());
        put(out, "format", f.format());
        if (!f.options().isEmpty()) {
            out.put("options", f.options().stream().map(FormDescriber::option).toList());
        }
        put(out, "dictionary", f.dictionary());
        put(out, "form", f.referenceForm());
        put(out, "minItems", f.minItems());
        put(out, "maxItems", f.maxItems());
        put(out, "default", f.defaultValue());
        put(out, "visibleWhen", f.visibleWhen() == null ? null : f.visibleWhen().source());
        put(out, "requiredWhen", f.requiredWhen() == null ? null : f.requiredWhen().source());
        put(out, "readOnlyWhen", f.readOnlyWhen() == null ? null : f.readOnlyWhen().source());
        put(out, "expression", f.expression() == null ? null : f.expression().source());
        put(out, "resultType", f.resultType() == null ? null : f.resultType().metadataName());
        if (f.isTable()) {
            out.put("fields", fields(f.children()));
        }
        return out;
    }

    private static Map<String, Object> option(Option o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", o.key());
        out.put("label", o.label().texts());
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value instanceof Message m) {
            out.put(key, m.texts());
        } else if (value != null) {
            out.put(key, value);
        }
    }
}
