package dev.formation.engine;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.LayerDefinition;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataSet;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.plugin.PluginRegistry;
import dev.formation.report.TemplateFiles;
import dev.formation.store.SchemaPlan;
import dev.formation.store.SchemaSync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The publish check: everything start-up would refuse, for the whole merged set, with every
 * problem named and not only the first. It reuses start-up's own checks rather than repeating
 * them: each tenant definition against its meta-schema ({@link MetadataLayers}), the compilers
 * ({@link SnapshotCompiler}: field types and formats, expressions, references to forms,
 * dictionaries and reports from forms, menus, roles, flows, reports and dashboards), the report
 * templates named ({@link TemplateFiles}) and the database ({@link SchemaSync#plan}: a type
 * change over data, a narrowed field that no longer holds stored values, a row over MySQL's
 * byte budget, too many indexes).
 *
 * <p>The compilers stop at the first problem, so after each one the part at fault is set aside
 * and the set compiled again: the entry of a list the pointer names (a field, a rule, a node),
 * or, when that does not help, the whole definition as it is in force. The last round compiles;
 * its snapshot is what the templates and the database are checked against.
 */
final class PublishCheck {

    /** Enough for any real draft; a bound so a problem that keeps coming back cannot loop. */
    private static final int MAX_ROUNDS = 200;

    private final MetadataLayers layers;
    private final PluginRegistry plugins;
    private final TemplateFiles templates;
    private final SchemaSync schema;
    private final long indexMaxRows;

    PublishCheck(MetadataLayers layers, PluginRegistry plugins, TemplateFiles templates, SchemaSync schema,
                 long indexMaxRows) {
        this.layers = layers;
        this.plugins = plugins;
        this.templates = templates;
        this.schema = schema;
        this.indexMaxRows = indexMaxRows;
    }

    LiveMetadata.Check check(List<LayerDefinition> draft, MetadataSnapshot inForce) {
        List<MetadataProblem> problems = new ArrayList<>();
        List<LayerDefinition> readable = new ArrayList<>();
        for (LayerDefinition d : draft) {
            try {
                layers.load(List.of(d));
                readable.add(d);
            } catch (MetadataException e) {
                problems.add(MetadataProblem.ofSchema(e, readable(d)));
            }
        }
        MetadataSet set;
        try {
            set = layers.load(readable);
        } catch (MetadataException e) {
            problems.add(MetadataProblem.ofSchema(e, null));
            return new LiveMetadata.Check(problems, List.of(), null, null);
        }
        MetadataSnapshot next = compile(set, inForce.set(), problems);
        if (next == null) {
            return new LiveMetadata.Check(problems, List.of(), null, null);
        }
        templates.problems(next).forEach(e -> problems.add(MetadataProblem.of(e)));
        FormCatalog before = inForce.get(FormCatalog.class);
        FormCatalog after = next.get(FormCatalog.class);
        SchemaPlan plan = schema.plan(before, after, indexMaxRows);
        for (SchemaPlan.Problem p : plan.problems()) {
            problems.add(new MetadataProblem("form", p.form(), pointer(after, p), p.code(), p.message(), p.args()));
        }
        return new LiveMetadata.Check(problems, view(before, after, plan), next, plan);
    }

    /** The tenant's own text of a definition, or null when it is not even YAML. */
    private static Map<String, Object> readable(LayerDefinition d) {
        try {
            return d.content();
        } catch (MetadataException e) {
            return null;
        }
    }

    /** Compiles, setting aside what each problem names, until it compiles; null if it never does. */
    private MetadataSnapshot compile(MetadataSet start, MetadataSet inForce, List<MetadataProblem> problems) {
        MetadataSet set = start;
        Set<String> seen = new HashSet<>();
        Set<String> reverted = new HashSet<>();
        MetadataProblem lastPruned = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            try {
                return SnapshotCompiler.compile(set, plugins);
            } catch (MetadataException e) {
                MetadataProblem p = MetadataProblem.of(e);
                Optional<MetadataDocument> doc = p.kind() == null ? Optional.empty() : set.find(p.kind(), p.key());
                if (doc.isEmpty()) {
                    problems.add(p);
                    return null;
                }
                String id = p.kind() + "/" + p.key();
                boolean again = !seen.add(id + " " + p.pointer() + " " + p.detail());
                if (!again) {
                    problems.add(p);
                }
                Optional<MetadataDocument> pruned = again ? Optional.empty() : prune(doc.get(), p.pointer());
                if (pruned.isPresent()) {
                    set = set.with(pruned.get());
                    lastPruned = p;
                } else if (reverted.add(id)) {
                    set = revert(set, inForce, p.kind(), p.key());
                } else {
                    return null;
                }
            } catch (RuntimeException e) {
                // a definition with an entry set aside may lack what a compiler takes for granted
                if (lastPruned == null || !reverted.add(lastPruned.kind() + "/" + lastPruned.key())) {
                    throw e;
                }
                set = revert(set, inForce, lastPruned.kind(), lastPruned.key());
            }
        }
        return null;
    }

    /** The definition as it is in force, or none if it is new. */
    private static MetadataSet revert(MetadataSet set, MetadataSet inForce, String kind, String key) {
        Optional<MetadataDocument> was = inForce.find(kind, key);
        return was.isPresent() ? set.with(was.get()) : set.without(kind, key);
    }

    /**
     * The definition without the list entry the pointer names ({@code /fields/3/...} drops the
     * fourth field), and without the places that named that entry's key, so setting it aside
     * does not report problems of its own. Empty when the pointer names no list entry.
     */
    static Optional<MetadataDocument> prune(MetadataDocument doc, String pointer) {
        String[] parts = MetadataProblem.pointerOnly(pointer).split("/");
        if (parts.length < 3 || !(doc.content().get(parts[1]) instanceof List<?> list) || !parts[2].matches("\\d+")
                || Integer.parseInt(parts[2]) >= list.size()) {
            return Optional.empty();
        }
        int index = Integer.parseInt(parts[2]);
        Object removed = list.get(index);
        String key = removed instanceof Map<?, ?> m && m.get("key") instanceof String k ? k : null;
        Map<String, Object> content = new LinkedHashMap<>();
        doc.content().forEach((name, value) -> {
            if (name.equals(parts[1])) {
                List<Object> rest = new ArrayList<>(list);
                rest.remove(index);
                content.put(name, rest);
            } else if (key != null && value instanceof List<?> values && values.contains(key)) {
                content.put(name, values.stream().filter(v -> !key.equals(v)).toList());
            } else if (key == null || !(key.equals(value) || ("-" + key).equals(value))) {
                content.put(name, value);
            }
        });
        return Optional.of(new MetadataDocument(doc.kind(), doc.key(), content, doc.sources()));
    }

    /** The problem's place in the form's definition: the field's type for a type change, the fields for the whole row. */
    private static String pointer(FormCatalog forms, SchemaPlan.Problem p) {
        Optional<Form> form = forms.form(p.form());
        if (form.isEmpty() || p.field() == null) {
            return "/fields";
        }
        String[] path = p.field().split("\\.", 2);
        List<Field> fields = form.get().fields();
        String leaf = "retype".equals(p.code()) ? "/type" : "";
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).key().equals(path[0])) {
                if (path.length == 1) {
                    return "/fields/" + i + leaf;
                }
                List<Field> children = fields.get(i).children();
                for (int j = 0; j < children.size(); j++) {
                    if (children.get(j).key().equals(path[1])) {
                        return "/fields/" + i + "/fields/" + j + leaf;
                    }
                }
            }
        }
        return "/fields";
    }

    /**
     * Per form: its steps (tables to create, columns with their SQL type, indexes, widened or
     * retyped columns), each with how it runs; the rows of its table; and the fields the
     * publish hides (gone from the merged form; their columns and data stay).
     */
    private static List<Map<String, Object>> view(FormCatalog before, FormCatalog after, SchemaPlan plan) {
        Map<String, Map<String, Object>> byForm = new LinkedHashMap<>();
        for (SchemaPlan.Step step : plan.steps()) {
            Map<String, Object> form = entry(byForm, step.form());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("change", step.change().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            row.put("table", step.table());
            if (step.column() != null) {
                row.put("column", step.column());
            }
            if (step.sqlType() != null) {
                row.put("sqlType", step.sqlType());
            }
            if (step.index() != null) {
                row.put("index", step.index());
            }
            row.put("rows", plan.rows().getOrDefault(step.table(), 0L));
            row.put("online", step.way().online());
            row.put("method", step.way().method().name());
            if (step.way().why() != null) {
                row.put("why", step.way().why());
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) form.get("steps");
            steps.add(row);
            if (!step.way().online()) {
                form.put("online", false);
            }
        }
        for (Form old : before.forms()) {
            Optional<Form> now = after.form(old.key());
            List<String> hidden = new ArrayList<>();
            for (Field f : old.fields()) {
                Optional<Field> still = now.flatMap(n -> n.field(f.key()));
                if (still.isEmpty()) {
                    hidden.add(f.key());
                    continue;
                }
                for (Field child : f.children()) {
                    if (still.get().child(child.key()) == null) {
                        hidden.add(f.key() + "." + child.key());
                    }
                }
            }
            if (!hidden.isEmpty()) {
                Map<String, Object> form = entry(byForm, old.key());
                form.put("hiddenFields", hidden);
                if (now.isEmpty()) {
                    form.put("formHidden", true);
                }
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : byForm.entrySet()) {
            after.form(e.getKey()).map(dev.formation.store.SqlNames::table).map(plan.rows()::get)
                    .ifPresent(rows -> e.getValue().put("rows", rows));
        }
        return List.copyOf(byForm.values());
    }

    private static Map<String, Object> entry(Map<String, Map<String, Object>> byForm, String form) {
        return byForm.computeIfAbsent(form, k -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("form", k);
            out.put("online", true);
            out.put("steps", new ArrayList<Map<String, Object>>());
            out.put("hiddenFields", List.of());
            return out;
        });
    }
}
