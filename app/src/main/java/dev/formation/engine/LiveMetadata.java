package dev.formation.engine;

import dev.formation.config.FormationSettings;
import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.ValidationException;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.LayerDefinition;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataLoader;
import dev.formation.metadata.MetadataSet;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.plugin.PluginRegistry;
import dev.formation.security.AccessPolicy;
import dev.formation.store.DirectConnections;
import dev.formation.store.MetadataVersions;
import dev.formation.store.SchemaSync;
import dev.formation.store.TenantLayer;
import dev.formation.store.TenantVersion;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The tenant's metadata while the app runs: edits go into the draft; a publish validates the
 * whole merged set as start-up does and either makes all of it live or none of it. The columns
 * a publish needs exist before the new snapshot is swapped in, so no request can write a field
 * whose column is missing.
 */
@Singleton
public class LiveMetadata {

    public static final String EDIT = "edit";
    public static final String PUBLISH = "publish";

    private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,47}$");

    private final MetadataLayers layers;
    private final TenantLayer tenant;
    private final MetadataHolder holder;
    private final PluginRegistry plugins;
    private final AccessPolicy access;
    private final DirectConnections connections;
    private final MetadataVersions versions;

    public LiveMetadata(FormationSettings settings, TenantLayer tenant, MetadataHolder holder, PluginRegistry plugins,
                        AccessPolicy access, DirectConnections connections, MetadataVersions versions) {
        this.layers = new MetadataLayers(settings);
        this.tenant = tenant;
        this.holder = holder;
        this.plugins = plugins;
        this.access = access;
        this.connections = connections;
        this.versions = versions;
    }

    /** The outcome of a check: the problems (none when it may be published), the plan, and the snapshot if it compiled. */
    public record Check(List<MetadataProblem> problems, List<Map<String, Object>> plan, MetadataSnapshot snapshot) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Every definition by kind, with whether the tenant changed it and whether the draft differs from what is published. */
    public Map<String, List<Map<String, Object>>> list(Actor actor) {
        require(actor, EDIT);
        Map<String, String> published = texts(tenant.published());
        Map<String, String> draft = texts(tenant.draft());
        MetadataSet merged = holder.current().set();
        Map<String, TreeSet<String>> keys = new TreeMap<>();
        for (String kind : merged.kinds()) {
            merged.all(kind).forEach(d -> keys.computeIfAbsent(kind, k -> new TreeSet<>()).add(d.key()));
        }
        for (String id : draft.keySet()) {
            String[] parts = id.split("/", 2);
            keys.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[1]);
        }
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        keys.forEach((kind, ofKind) -> out.put(kind, ofKind.stream().map(key -> {
            String id = kind + "/" + key;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", key);
            row.put("changed", published.containsKey(id));
            row.put("draftDiffers", !Objects.equals(published.get(id), draft.get(id)));
            return row;
        }).toList()));
        return out;
    }

    /** {@code shipped} (with the overlay folder), {@code tenant} (published), {@code draft} and {@code merged} (in force). */
    public Map<String, Object> get(Actor actor, String kind, String key) {
        require(actor, EDIT);
        known(kind, key);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shipped", layers.load(List.of()).find(kind, key).map(MetadataDocument::content).orElse(null));
        out.put("tenant", find(tenant.published(), kind, key).map(LayerDefinition::content).orElse(null));
        out.put("draft", find(tenant.draft(), kind, key).map(LayerDefinition::content).orElse(null));
        out.put("merged", holder.current().set().find(kind, key).map(MetadataDocument::content).orElse(null));
        if (out.values().stream().allMatch(Objects::isNull)) {
            throw new NotFoundException(kind + " " + key);
        }
        return out;
    }

    /** Stores the tenant's layer of one definition in the draft once it merges into a definition its meta-schema accepts. */
    public void put(Actor actor, String kind, String key, String yaml) {
        require(actor, EDIT);
        known(kind, key);
        try {
            layers.load(List.of(new LayerDefinition(kind, key, yaml)));
        } catch (MetadataException e) {
            throw new ValidationException(List.of(new FieldError(e.path(), e.reason())));
        }
        tenant.putDraft(kind, key, yaml, actor.realUsername());
    }

    public void drop(Actor actor, String kind, String key) {
        require(actor, EDIT);
        known(kind, key);
        tenant.dropDraft(kind, key);
    }

    public Check validate(Actor actor) {
        require(actor, EDIT);
        return check(tenant.draft());
    }

    /**
     * Publishes the draft when it passes the check: the schema first, then the version, then the
     * swap. A refused draft changes nothing and the snapshot in force keeps serving.
     *
     * @return the check; {@code version} is set when it was published
     */
    public synchronized Published publish(Actor actor, String comment) {
        require(actor, PUBLISH);
        List<LayerDefinition> draft = tenant.draft();
        Check check = check(draft);
        if (!check.ok()) {
            return new Published(null, check);
        }
        new SchemaSync(connections).sync(check.snapshot().get(FormCatalog.class));
        versions.record(check.snapshot().set());
        int number = tenant.publish(draft, actor.realUsername(), comment);
        holder.replace(check.snapshot());
        return new Published(number, check);
    }

    /**
     * Publishes the layer an earlier version published, as a new version. Version 0 is the one
     * before the tenant's first publish, an empty layer: the shipped definitions alone, so the
     * change that version 1 made can be undone like any later one. A refused restore leaves the
     * draft as it was.
     */
    public synchronized Published restore(Actor actor, int number) {
        require(actor, PUBLISH);
        if (number != 0) {
            version(actor, number); // a number never published is not found
        }
        List<LayerDefinition> before = tenant.draft();
        tenant.replaceDraft(tenant.layerOf(number), actor.realUsername());
        Published published = publish(actor, "restore " + number);
        if (published.version() == null) {
            tenant.replaceDraft(before, actor.realUsername());
        }
        return published;
    }

    /** One version: who published it, when, why, and every definition of its layer. */
    public Map<String, Object> version(Actor actor, int number) {
        require(actor, EDIT);
        TenantVersion found = tenant.versions().stream().filter(v -> v.versionNumber() == number).findFirst()
                .orElseThrow(() -> new NotFoundException("version " + number));
        Map<String, Object> out = view(found);
        out.put("definitions", tenant.layerOf(number).stream().map(d -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", d.kind());
            row.put("key", d.key());
            row.put("content", d.content());
            return row;
        }).toList());
        return out;
    }

    /** A publish's outcome: the version number, or null when the check refused it. */
    public record Published(Integer version, Check check) {
    }

    public List<Map<String, Object>> versions(Actor actor) {
        require(actor, EDIT);
        List<Map<String, Object>> out = new ArrayList<>();
        for (TenantVersion v : tenant.versions()) {
            out.add(view(v));
        }
        return out;
    }

    private static Map<String, Object> view(TenantVersion v) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("version", v.versionNumber());
        row.put("author", v.author());
        row.put("publishedAt", v.publishedAt().toString());
        row.put("comment", v.note());
        return row;
    }

    private Check check(List<LayerDefinition> draft) {
        List<MetadataProblem> problems = new ArrayList<>();
        // each definition alone first, so every broken one is named and not only the first
        for (LayerDefinition d : draft) {
            try {
                layers.load(List.of(d));
            } catch (MetadataException e) {
                problems.add(MetadataProblem.of(e));
            }
        }
        if (!problems.isEmpty()) {
            return new Check(problems, List.of(), null);
        }
        try {
            MetadataSnapshot next = SnapshotCompiler.compile(layers.load(draft), plugins);
            return new Check(List.of(), plan(holder.current().get(FormCatalog.class), next.get(FormCatalog.class)), next);
        } catch (MetadataException e) {
            return new Check(List.of(MetadataProblem.of(e)), List.of(), null);
        }
    }

    /** What schema sync will add: tables of new forms, columns of new fields. It never drops. */
    private static List<Map<String, Object>> plan(FormCatalog before, FormCatalog after) {
        List<Map<String, Object>> plan = new ArrayList<>();
        for (Form form : after.forms()) {
            Optional<Form> old = before.form(form.key());
            if (old.isEmpty()) {
                plan.add(Map.of("form", form.key(), "change", "create table"));
                continue;
            }
            for (Field field : form.fields()) {
                if (!old.get().hasField(field.key())) {
                    plan.add(Map.of("form", form.key(), "field", field.key(), "change", "add column"));
                }
            }
        }
        return plan;
    }

    private void require(Actor actor, String action) {
        if (!access.mayChangeMetadata(actor, action)) {
            throw new ForbiddenException("metadata");
        }
    }

    /** A kind this version reads, and a key a definition may have (it names tables and files). */
    private static void known(String kind, String key) {
        if (MetadataLoader.folderOf(kind) == null || !KEY.matcher(key).matches()) {
            throw new NotFoundException(kind + " " + key);
        }
    }

    private static Map<String, String> texts(List<LayerDefinition> layer) {
        Map<String, String> out = new LinkedHashMap<>();
        layer.forEach(d -> out.put(d.kind() + "/" + d.key(), d.yaml()));
        return out;
    }

    private static Optional<LayerDefinition> find(List<LayerDefinition> layer, String kind, String key) {
        return layer.stream().filter(d -> d.kind().equals(kind) && d.key().equals(key)).findFirst();
    }
}
