package dev.formation.report;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.Option;
import dev.formation.form.PlatformColumns;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataSet;
import dev.formation.plugin.api.Message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reports and dashboards of the metadata, compiled and checked when the app starts: every
 * field a dataset names must exist on its form or joined form, every sort key and chart value
 * must be an output, so a bad report stops start-up rather than failing for a user.
 */
public final class ReportCatalog {

    /** A dashboard: the reports it shows, in order, with their widths on a 12-column grid. */
    public record Dashboard(String key, Message label, List<String> roles, int order, List<Widget> widgets) {
    }

    public record Widget(String key, String report, int width) {
    }

    private final Map<String, ReportDefinition> reports = new LinkedHashMap<>();
    private final Map<String, Dashboard> dashboards = new LinkedHashMap<>();

    public ReportCatalog(MetadataSet metadata, FormCatalog forms) {
        for (MetadataDocument doc : metadata.all("report")) {
            reports.put(doc.key(), new Compiler(doc, forms).compile());
        }
        for (MetadataDocument doc : metadata.all("dashboard")) {
            dashboards.put(doc.key(), dashboard(doc));
        }
    }

    public Collection<ReportDefinition> reports() {
        return reports.values();
    }

    public Optional<ReportDefinition> report(String key) {
        return Optional.ofNullable(reports.get(key));
    }

    public Collection<Dashboard> dashboards() {
        return dashboards.values().stream().sorted(java.util.Comparator.comparingInt(Dashboard::order)).toList();
    }

    public Optional<Dashboard> dashboard(String key) {
        return Optional.ofNullable(dashboards.get(key));
    }

    @SuppressWarnings("unchecked")
    private Dashboard dashboard(MetadataDocument doc) {
        Map<String, Object> c = doc.content();
        List<Widget> widgets = new ArrayList<>();
        List<Map<String, Object>> raw = (List<Map<String, Object>>) c.get("widgets");
        for (int i = 0; i < raw.size(); i++) {
            String report = (String) raw.get(i).get("report");
            if (!reports.containsKey(report)) {
                throw new MetadataException(doc.source(), "/widgets/" + i + "/report", "no report named '" + report + "'");
            }
            Object width = raw.get(i).get("width");
            widgets.add(new Widget((String) raw.get(i).get("key"), report, width == null ? 6 : ((Number) width).intValue()));
        }
        Object order = c.get("order");
        return new Dashboard(doc.key(), Message.of((Map<String, String>) c.get("label")),
                (List<String>) c.getOrDefault("roles", List.of()), order == null ? 100 : ((Number) order).intValue(),
                widgets);
    }

    /** Compiles one report document; every error names the file and path. */
    private static final class Compiler {
        private final MetadataDocument doc;
        private final FormCatalog forms;
        private final Map<String, Object> dataset;
        private Form form;
        private final Map<String, ReportDefinition.Join> joins = new LinkedHashMap<>();

        @SuppressWarnings("unchecked")
        Compiler(MetadataDocument doc, FormCatalog forms) {
            this.doc = doc;
            this.forms = forms;
            this.dataset = (Map<String, Object>) doc.content().get("dataset");
        }

        @SuppressWarnings("unchecked")
        ReportDefinition compile() {
            String formKey = (String) dataset.get("form");
            form = forms.form(formKey).orElseThrow(() -> fail("/dataset/form", "no form named '" + formKey + "'"));
            List<Map<String, Object>> rawJoins = list(dataset.get("joins"));
            for (int i = 0; i < rawJoins.size(); i++) {
                int at = i;
                String fieldKey = (String) rawJoins.get(i).get("field");
                String alias = (String) rawJoins.get(i).get("as");
                Field field = form.field(fieldKey).filter(f -> f.type() == FieldType.REFERENCE).orElseThrow(() ->
                        fail("/dataset/joins/" + at + "/field", "'" + fieldKey + "' is not a reference field of " + formKey));
                if ("t".equals(alias) || joins.containsKey(alias)) {
                    throw fail("/dataset/joins/" + i + "/as", "the alias '" + alias + "' is taken");
                }
                joins.put(alias, new ReportDefinition.Join(alias, field, forms.form(field.referenceForm()).orElseThrow()));
            }
            List<ReportDefinition.Param> params = new ArrayList<>();
            for (Map<String, Object> p : list(dataset.get("params"))) {
                List<Option> options = list(p.get("options")).stream().map(o -> new Option((String) o.get("key"),
                        Message.of((Map<String, String>) o.get("label")), null)).toList();
                params.add(new ReportDefinition.Param((String) p.get("key"), (String) p.get("type"),
                        Message.of((Map<String, String>) p.get("label")), (String) p.get("default"), options));
            }
            Set<String> paramKeys = new HashSet<>();
            params.forEach(p -> paramKeys.add(p.key()));
            List<ReportDefinition.Filter> filters = new ArrayList<>();
            List<Map<String, Object>> rawFilters = list(dataset.get("filters"));
            for (int i = 0; i < rawFilters.size(); i++) {
                Map<String, Object> f = rawFilters.get(i);
                String param = (String) f.get("param");
                if (param != null && !paramKeys.contains(param)) {
                    throw fail("/dataset/filters/" + i + "/param", "no parameter named '" + param + "'");
                }
                filters.add(new ReportDefinition.Filter(ref((String) f.get("field"), "/dataset/filters/" + i + "/field"),
                        (String) f.get("op"), f.get("value"), param));
            }
            List<ReportDefinition.Output> columns = outputs(list(dataset.get("columns")), "/dataset/columns");
            List<ReportDefinition.Output> groups = outputs(list(dataset.get("groupBy")), "/dataset/groupBy");
            List<ReportDefinition.Measure> measures = new ArrayList<>();
            List<Map<String, Object>> rawMeasures = list(dataset.get("measures"));
            for (int i = 0; i < rawMeasures.size(); i++) {
                Map<String, Object> m = rawMeasures.get(i);
                String fn = (String) m.get("fn");
                String field = (String) m.get("field");
                if (field == null && !"count".equals(fn)) {
                    throw fail("/dataset/measures/" + i, fn + " needs a field");
                }
                measures.add(new ReportDefinition.Measure((String) m.get("key"), fn,
                        field == null ? null : ref(field, "/dataset/measures/" + i + "/field"),
                        Message.of((Map<String, String>) m.get("label"))));
            }
            if (measures.isEmpty() && columns.isEmpty()) {
                throw fail("/dataset", "a report needs measures (a statistic) or columns (a query report)");
            }
            if (!measures.isEmpty() && !columns.isEmpty()) {
                throw fail("/dataset/columns", "a statistic (with measures) uses groupBy, not columns");
            }
            Set<String> outputs = new HashSet<>();
            columns.forEach(c -> outputs.add(c.key()));
            groups.forEach(g -> outputs.add(g.key()));
            measures.forEach(m -> outputs.add(m.key()));
            List<String> sort = (List<String>) dataset.getOrDefault("sort", List.of());
            for (int i = 0; i < sort.size(); i++) {
                String key = sort.get(i).replace("-", "");
                if (!outputs.contains(key)) {
                    throw fail("/dataset/sort/" + i, "'" + key + "' is not a column of the report");
                }
            }
            Map<String, Object> p = (Map<String, Object>) doc.content().get("presentation");
            List<String> values = (List<String>) p.getOrDefault("values", List.of());
            for (int i = 0; i < values.size(); i++) {
                if (!outputs.contains(values.get(i))) {
                    throw fail("/presentation/values/" + i, "'" + values.get(i) + "' is not a column of the report");
                }
            }
            String category = (String) p.get("category");
            if (category != null && !outputs.contains(category)) {
                throw fail("/presentation/category", "'" + category + "' is not a column of the report");
            }
            String type = (String) p.get("type");
            if (List.of("bar", "line", "pie").contains(type) && (category == null || values.isEmpty())) {
                throw fail("/presentation", "a " + type + " chart needs a category and values");
            }
            Object limit = dataset.get("limit");
            return new ReportDefinition(doc.key(), Message.of((Map<String, String>) doc.content().get("label")), form,
                    List.copyOf(joins.values()), params, filters, columns, groups, measures, sort,
                    limit == null ? null : ((Number) limit).intValue(),
                    new ReportDefinition.Presentation(type, category, values, (String) p.get("template"),
                            Boolean.TRUE.equals(p.get("drill"))));
        }

        @SuppressWarnings("unchecked")
        private List<ReportDefinition.Output> outputs(List<Map<String, Object>> raw, String path) {
            List<ReportDefinition.Output> out = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                Map<String, Object> o = raw.get(i);
                String field = (String) o.get("field");
                ReportDefinition.Ref ref = ref(field, path + "/" + i + "/field");
                String key = (String) o.getOrDefault("as", field.replace('.', '_'));
                Message label = o.get("label") != null ? Message.of((Map<String, String>) o.get("label"))
                        : ref.field() != null ? ref.field().label() : Message.of(field, field);
                out.add(new ReportDefinition.Output(key, ref, (String) o.get("bucket"), label));
            }
            return out;
        }

        private ReportDefinition.Ref ref(String text, String path) {
            String alias = "t";
            String column = text;
            Form target = form;
            int dot = text.indexOf('.');
            if (dot > 0) {
                alias = text.substring(0, dot);
                column = text.substring(dot + 1);
                ReportDefinition.Join join = joins.get(alias);
                if (join == null) {
                    throw fail(path, "no join named '" + alias + "'");
                }
                target = join.target();
            }
            Field field = target.field(column).orElse(null);
            if (field != null && field.isTable()) {
                throw fail(path, "'" + column + "' is a sub-table; report on its form's scalar fields");
            }
            if (field == null && !PlatformColumns.ALL.contains(column)) {
                throw fail(path, "form '" + target.key() + "' has no field '" + column + "'");
            }
            return new ReportDefinition.Ref(alias, column, field, target);
        }

        @SuppressWarnings("unchecked")
        private static List<Map<String, Object>> list(Object value) {
            return value == null ? List.of() : (List<Map<String, Object>>) value;
        }

        private MetadataException fail(String path, String reason) {
            return new MetadataException(doc.source(), path, reason);
        }
    }
}
