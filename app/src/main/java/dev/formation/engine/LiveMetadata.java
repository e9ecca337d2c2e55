package dev.formation.engine;

import dev.formation.config.FormationSettings;
import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.ValidationException;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.LayerDefinition;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataLoader;
import dev.formation.metadata.MetadataSet;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.plugin.PluginRegistry;
import dev.formation.record.Rollups;
import dev.formation.report.TemplateFiles;
import dev.formation.security.AccessPolicy;
import dev.formation.store.DirectConnections;
import dev.formation.store.MetadataVersions;
import dev.formation.store.SchemaPlan;
import dev.formation.store.SchemaSync;
import dev.formation.store.TenantLayer;
import dev.formation.store.TenantVersion;
import dev.formation.store.Tx;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * whole merged set as start-up does ({@link PublishCheck}, every problem named) and either makes
 * all of it live or none of it. The columns a publish needs exist before the new snapshot is
 * swapped in, so no request can write a field whose column is missing.
 *
 * <p>Schema steps run while the app serves ({@link dev.formation.store.OnlineDdl}). A step that
 * cannot (a type change on a table with rows, an index on a table over
 * {@code formation.metadata.online-index-rows}, default 1,000,000) is named in the plan, and the
 * publish is refused (409) unless its request says {@code "offline": true}: nobody expects a
 * publish to block writes without being asked.
 *
 * <p>A restore replaces the draft with an old version's layer. Unpublished draft edits would be
 * lost, so a restore while the draft differs from the published layer is refused (409, naming
 * the definitions that differ) unless its request says {@code "discardDraft": true}.
 */
@Singleton
public class LiveMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(LiveMetadata.class);

    public static final String EDIT = "edit";
    public static final String PUBLISH = "publish";

    private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,47}$");

    private final MetadataLayers layers;
    private final TenantLayer tenant;
    private final MetadataHolder holder;
    private final AccessPolicy access;
    private final MetadataVersions versions;
    private final PublishCheck checker;
    private final SchemaSync schema;
    private final Rollups rollups;
    private final Tx tx;

    public LiveMetadata(FormationSettings settings, TenantLayer tenant, MetadataHolder holder, PluginRegistry plugins,
                        AccessPolicy access, DirectConnections connections, MetadataVersions versions,
                        TemplateFiles templates, Rollups rollups, Tx tx,
                        @Property(name = "formation.metadata.online-index-rows", defaultValue = "1000000")
                        long indexMaxRows) {
        this.layers = new MetadataLayers(settings);
        this.tenant = tenant;
        this.holder = holder;
        this.access = access;
        this.versions = versions;
        this.schema = new SchemaSync(connections);
        this.rollups = rollups;
        this.tx = tx;
        this.checker = new PublishCheck(layers, plugins, templates, schema, indexMaxRows);
    }

    /**
     * The outcome of a check: the problems (none when it may be published), the plan (per form),
     * and, if it compiled, the snapshot and the schema steps.
     */
    public record Check(List<MetadataProblem> problems, List<Map<String, Object>> plan, MetadataSnapshot snapshot,
                        SchemaPlan schema) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** Whether every schema step runs while the app serves. */
        public boolean online() {
            return schema == null || schema.online();
        }
    }

    /** A restore would throw away draft edits that were never published: {@code definitions} names them ("kind/key"). */
    public static final class DraftDiffers extends RuntimeException {
        private final List<String> definitions;

        DraftDiffers(List<String> definitions) {
            super("the draft differs from the published layer: " + definitions);
            this.definitions = List.copyOf(definitions);
        }

        public List<String> definitions() {
            return definitions;
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
        return checker.check(tenant.draft(), holder.latest());
    }

    /**
     * Publishes the draft when it passes the check: the schema first, then the version, then the
     * swap. A refused draft changes nothing and the snapshot in force keeps serving.
     *
     * @param offline whether schema steps that block writes may run
     * @return the check; {@code version} is set when it was published
     */
    public Published publish(Actor actor, String comment) {
        return publish(actor, comment, false);
    }

    public synchronized Published publish(Actor actor, String comment, boolean offline) {
        require(actor, PUBLISH);
        return publishDraft(actor, tenant.draft(), comment, offline);
    }

    private Published publishDraft(Actor actor, List<LayerDefinition> draft, String comment, boolean offline) {
        long started = System.nanoTime();
        MetadataSnapshot expected = holder.latest();
        Check check = checker.check(draft, expected);
        long checked = System.nanoTime();
        if (!check.ok()) {
            return new Published(null, check, false);
        }
        if (!check.online() && !offline) {
            return new Published(null, check, true);
        }
        List<SchemaSync.Applied> applied;
        try {
            // the check's own plan, read from the database a moment ago: reading it again would double a publish's metadata reads
            applied = schema.apply(check.schema(), offline);
        } catch (MetadataException | IllegalStateException e) {
            List<MetadataProblem> problems = List.of(new MetadataProblem(null, null, "/", "ddl", e.getMessage(),
                    List.of(e.getMessage())));
            return new Published(null, new Check(problems, check.plan(), null, check.schema()), false);
        }
        long schemaApplied = System.nanoTime();
        versions.record(check.snapshot().set());
        int number = tenant.publish(draft, actor.realUsername(), comment);
        long recorded = System.nanoTime();
        swap(expected, check.snapshot(), number);
        rebuildRollups(expected, check.snapshot());
        long swapped = System.nanoTime();
        // where a publish's time goes, for an operator who finds one slow
        LOG.info("Published metadata version {} in {} ms: check {} ms, schema {} ms, version rows {} ms, swap {} ms",
                number, millis(started, swapped), millis(started, checked), millis(checked, schemaApplied),
                millis(schemaApplied, recorded), millis(recorded, swapped));
        return new Published(number, check, false, applied.stream().map(LiveMetadata::applied).toList());
    }

    /**
     * A rollup field the publish added (or redefined) has an empty column: it is filled from the
     * data now, like the admin's rebuild command would, so lists never show it wrong.
     */
    private void rebuildRollups(MetadataSnapshot before, MetadataSnapshot after) {
        FormCatalog next = after.get(FormCatalog.class);
        for (String form : Rollups.changedRollups(before.get(FormCatalog.class), next)) {
            Map<String, Integer> rows = tx.write(c -> rollups.rebuild(c, next, form));
            LOG.info("Rebuilt the rollup fields of {}: {}", form, rows);
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static Map<String, Object> applied(SchemaSync.Applied a) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("form", a.step().form());
        row.put("change", a.step().change().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        row.put("table", a.step().table());
        if (a.step().column() != null) {
            row.put("column", a.step().column());
        }
        if (a.step().index() != null) {
            row.put("index", a.step().index());
        }
        row.put("method", a.method().name());
        row.put("millis", a.millis());
        return row;
    }

    /**
     * Compare-and-set, so a snapshot the watcher swapped in meanwhile (another node's publish) is
     * not overwritten blindly: ours goes in only while our version is still the newest; a newer
     * one is the watcher's to bring in.
     */
    private void swap(MetadataSnapshot expected, MetadataSnapshot next, int number) {
        MetadataSnapshot seen = expected;
        while (!holder.replace(seen, next)) {
            seen = holder.latest();
            if (tenant.newestVersion() > number) {
                return;
            }
        }
    }

    /**
     * Publishes the layer an earlier version published, as a new version. Version 0 is the one
     * before the tenant's first publish, an empty layer: the shipped definitions alone, so the
     * change that version 1 made can be undone like any later one. A refused restore leaves the
     * draft as it was; so does a restore refused because the draft holds unpublished edits
     * ({@link DraftDiffers}) and {@code discardDraft} is not set.
     */
    public synchronized Published restore(Actor actor, int number, boolean discardDraft, boolean offline) {
        require(actor, PUBLISH);
        if (number != 0) {
            version(actor, number); // a number never published is not found
        }
        List<LayerDefinition> before = tenant.draft();
        List<String> differing = differing(before, tenant.published());
        if (!differing.isEmpty() && !discardDraft) {
            throw new DraftDiffers(differing);
        }
        List<LayerDefinition> layer = tenant.layerOf(number);
        tenant.replaceDraft(layer, actor.realUsername());
        Published published = publishDraft(actor, layer, "restore " + number, offline);
        if (published.version() == null) {
            tenant.replaceDraft(before, actor.realUsername());
        }
        return published;
    }

    /** The definitions ("kind/key") whose draft text is not what is published, sorted. */
    private static List<String> differing(List<LayerDefinition> draft, List<LayerDefinition> published) {
        Map<String, String> a = texts(draft);
        Map<String, String> b = texts(published);
        TreeSet<String> out = new TreeSet<>();
        a.forEach((id, text) -> {
            if (!text.equals(b.get(id))) {
                out.add(id);
            }
        });
        b.keySet().stream().filter(id -> !a.containsKey(id)).forEach(out::add);
        return List.copyOf(out);
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

    /**
     * A publish's outcome: the version number, or null when the check refused it or (with
     * {@code needsOffline}) when steps would block writes and the request did not allow that;
     * {@code applied}: each schema step that ran, the way it ran and its milliseconds.
     */
    public record Published(Integer version, Check check, boolean needsOffline, List<Map<String, Object>> applied) {
        Published(Integer version, Check check, boolean needsOffline) {
            this(version, check, needsOffline, List.of());
        }
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
