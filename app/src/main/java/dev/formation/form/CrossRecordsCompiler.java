package dev.formation.form;

import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a form's {@code noOverlap}, {@code progress} and {@code daySummary} (already valid
 * against the meta-schema) and, once every form is compiled, checks that what they name exists
 * and holds the right kind of value, so a mistake is refused when the metadata loads and not
 * when a record is saved or read.
 */
final class CrossRecordsCompiler {

    private static final Set<FieldType> DATES = Set.of(FieldType.DATE, FieldType.DATETIME);

    private CrossRecordsCompiler() {
    }

    static CrossRecords read(Map<String, Object> c) {
        List<NoOverlap> noOverlap = new ArrayList<>();
        for (Map<String, Object> n : FormCompiler.maps(c.get("noOverlap"))) {
            Object per = n.get("per");
            noOverlap.add(new NoOverlap((String) n.get("key"),
                    per instanceof String s ? List.of(s) : FormCompiler.strings(per), (String) n.get("start"),
                    (String) n.get("end"), (String) n.getOrDefault("field", n.get("start")),
                    FormCompiler.text(n.get("message"))));
        }
        return new CrossRecords(noOverlap, progress(map(c.get("progress"))), daySummary(map(c.get("daySummary"))));
    }

    private static Progress progress(Map<String, Object> p) {
        if (p == null) {
            return null;
        }
        List<Progress.Measure> measures = new ArrayList<>();
        for (Map<String, Object> m : FormCompiler.maps(p.get("measures"))) {
            measures.add(new Progress.Measure((String) m.get("key"), FormCompiler.text(m.get("label")),
                    (String) m.get("goal"), selection(m), Rollup.Op.of((String) m.get("op")), (String) m.get("of")));
        }
        return new Progress((String) p.get("person"), (String) p.get("start"), (String) p.get("end"), measures);
    }

    private static DaySummary daySummary(Map<String, Object> d) {
        if (d == null) {
            return null;
        }
        List<DaySummary.Source> sources = new ArrayList<>();
        for (Map<String, Object> s : FormCompiler.maps(d.get("sources"))) {
            sources.add(new DaySummary.Source((String) s.get("key"), FormCompiler.text(s.get("label")), selection(s),
                    FormCompiler.strings(s.get("show"))));
        }
        Map<String, DaySummary.Fill> fills = new LinkedHashMap<>();
        Map<String, Object> rawFills = map(d.get("fill"));
        if (rawFills != null) {
            rawFills.forEach((field, value) -> {
                Map<String, Object> f = map(value);
                DaySummary.Op op = DaySummary.Op.valueOf(((String) f.get("op")).toUpperCase(Locale.ROOT));
                Object from = f.get("source");
                List<String> names = from instanceof String s ? List.of(s) : FormCompiler.strings(from);
                if (names.isEmpty()) {
                    names = sources.stream().map(DaySummary.Source::key).toList();
                }
                fills.put(field, new DaySummary.Fill(op, names, (String) f.get("of")));
            });
        }
        return new DaySummary((String) d.get("day"), sources, fills);
    }

    @SuppressWarnings("unchecked")
    private static RecordSelection selection(Map<String, Object> m) {
        Map<String, Object> where = map(m.get("where"));
        Map<String, List<String>> filter = new LinkedHashMap<>();
        if (where != null) {
            where.forEach((k, v) -> filter.put(k, ((List<Object>) v).stream().map(String::valueOf).toList()));
        }
        return new RecordSelection((String) m.get("form"), (String) m.getOrDefault("person", "owner"),
                (String) m.get("date"), filter);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** Checks one compiled form's declarations against the compiled forms. */
    static void check(MetadataDocument doc, Form form, Map<String, Form> forms) {
        new Checker(doc, form, forms).run();
    }

    private record Checker(MetadataDocument doc, Form form, Map<String, Form> forms) {

        void run() {
            CrossRecords x = form.crossRecords();
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < x.noOverlap().size(); i++) {
                NoOverlap n = x.noOverlap().get(i);
                String at = "/noOverlap/" + i;
                if (!keys.add(n.key())) {
                    fail(at + "/key", "the key '" + n.key() + "' is used twice");
                }
                for (int j = 0; j < n.per().size(); j++) {
                    Field f = column(form, n.per().get(j));
                    if (f == null && !PlatformColumns.OWNER.equals(n.per().get(j))) {
                        fail(at + "/per", "'" + n.per().get(j) + "' is not a field of this form");
                    }
                }
                date(form, n.start(), at + "/start", false);
                date(form, n.end(), at + "/end", false);
                if (column(form, n.field()) == null) {
                    fail(at + "/field", "'" + n.field() + "' is not a field of this form");
                }
            }
            if (x.progress() != null) {
                progress(x.progress());
            }
            if (x.daySummary() != null) {
                daySummary(x.daySummary());
            }
        }

        private void progress(Progress p) {
            if (form.hasField(Form.PROGRESS)) {
                fail("/progress", "a form with progress cannot have a field named '" + Form.PROGRESS
                        + "': a record's progress is answered under that name");
            }
            person(form, p.person(), "/progress/person");
            date(form, p.start(), "/progress/start", false);
            date(form, p.end(), "/progress/end", false);
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < p.measures().size(); i++) {
                Progress.Measure m = p.measures().get(i);
                String at = "/progress/measures/" + i;
                if (!keys.add(m.key())) {
                    fail(at + "/key", "the key '" + m.key() + "' is used twice");
                }
                Field goal = column(form, m.goal());
                if (goal == null || !goal.valueType().isNumeric()) {
                    fail(at + "/goal", "'" + m.goal() + "' is not a number field of this form");
                }
                Form other = selection(m.records(), at);
                aggregate(other, m.op(), m.of(), at);
            }
        }

        private void daySummary(DaySummary d) {
            if (d.day() != null) {
                Field day = column(form, d.day());
                if (day == null || day.valueType() != FieldType.DATE) {
                    fail("/daySummary/day", "'" + d.day() + "' is not a date field of this form");
                }
            }
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < d.sources().size(); i++) {
                DaySummary.Source s = d.sources().get(i);
                String at = "/daySummary/sources/" + i;
                if (!keys.add(s.key())) {
                    fail(at + "/key", "the key '" + s.key() + "' is used twice");
                }
                Form other = selection(s.records(), at);
                for (String shown : s.show()) {
                    if (column(other, shown) == null && !PlatformColumns.ALL.contains(shown)) {
                        fail(at + "/show", "'" + shown + "' is not a field of '" + other.key() + "'");
                    }
                }
            }
            d.fills().forEach((fieldKey, fill) -> {
                String at = "/daySummary/fill/" + fieldKey;
                Field field = column(form, fieldKey);
                if (field == null || field.isSystemSet()) {
                    fail(at, "'" + fieldKey + "' is not a field of this form that a user fills in");
                }
                for (String source : fill.sources()) {
                    if (!keys.contains(source)) {
                        fail(at + "/source", "'" + source + "' is not one of the daySummary's sources");
                    }
                }
                boolean fits = switch (fill.op()) {
                    case COUNT, SUM -> field.valueType().isNumeric() && fill.sources().size() == 1;
                    case LIST -> field.valueType() == FieldType.TEXT || field.valueType() == FieldType.TEXTAREA;
                };
                if (!fits) {
                    fail(at, "a " + fill.op().name().toLowerCase(Locale.ROOT) + " fills "
                            + (fill.op() == DaySummary.Op.LIST ? "a text field" : "a number field from one source"));
                }
                if (fill.op() == DaySummary.Op.SUM) {
                    Form other = forms.get(d.source(fill.sources().get(0)).records().form());
                    aggregate(other, Rollup.Op.SUM, fill.of(), at);
                }
            });
        }

        private Form selection(RecordSelection r, String at) {
            Form other = forms.get(r.form());
            if (other == null) {
                fail(at + "/form", "no form named '" + r.form() + "'");
            }
            person(other, r.person(), at + "/person");
            date(other, r.date(), at + "/date", true);
            for (Map.Entry<String, List<String>> w : r.where().entrySet()) {
                Field f = column(other, w.getKey());
                if (f == null || !RollupCheck.KEYED.contains(f.valueType())) {
                    fail(at + "/where/" + w.getKey(), "'" + w.getKey() + "' is not a field of '" + other.key()
                            + "' holding a key (select, text, user, department)");
                }
            }
            return other;
        }

        private void aggregate(Form other, Rollup.Op op, String of, String at) {
            if (op != Rollup.Op.COUNT && op != Rollup.Op.SUM) {
                fail(at + "/op", "only count and sum measure records");
            }
            if (op == Rollup.Op.SUM) {
                Field f = of == null ? null : column(other, of);
                if (f == null || !f.valueType().isNumeric()) {
                    fail(at + "/of", "'" + of + "' is not a number field of '" + other.key() + "'");
                }
            }
        }

        private void person(Form in, String key, String at) {
            Field f = column(in, key);
            boolean platform = PlatformColumns.OWNER.equals(key) || PlatformColumns.CREATED_BY.equals(key);
            if (!platform && (f == null || f.valueType() != FieldType.USER)) {
                fail(at, "'" + key + "' is not a user field of '" + in.key() + "'");
            }
        }

        private void date(Form in, String key, String at, boolean platform) {
            Field f = column(in, key);
            boolean stamp = platform && (PlatformColumns.CREATED_AT.equals(key) || PlatformColumns.UPDATED_AT.equals(key));
            if (!stamp && (f == null || !DATES.contains(f.valueType()))) {
                fail(at, "'" + key + "' is not a date field of '" + in.key() + "'");
            }
        }

        private static Field column(Form in, String key) {
            Field f = key == null ? null : in.field(key).orElse(null);
            return f == null || f.isTable() ? null : f;
        }

        private void fail(String at, String reason) {
            throw new MetadataException(doc.source(), at, reason);
        }
    }
}
