package dev.formation.engine;

import dev.formation.config.FormationSettings;
import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.i18n.Texts;
import dev.formation.metadata.LayerArchive;
import dev.formation.metadata.LayerDefinition;
import dev.formation.metadata.LayerDiff;
import dev.formation.metadata.MetadataException;
import dev.formation.security.AccessPolicy;
import dev.formation.store.TenantLayer;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tenant's layer out of and into the app as a zip ({@link LayerArchive}), so a configuration
 * moves from a test tenant to production, or into git. An import replaces the draft with the
 * archive's layer, all of it or nothing: every file is checked as a PUT of it would be, and one
 * bad file leaves the draft as it was. Publishing stays a step of its own.
 */
@Singleton
public class MetadataExchange {

    /** Bad files named at most in one answer; each costs a load of the layers. */
    static final int NAMED = 20;

    private final MetadataLayers layers;
    private final TenantLayer tenant;
    private final AccessPolicy access;
    private final Clock clock;

    public MetadataExchange(FormationSettings settings, TenantLayer tenant, AccessPolicy access, Clock clock) {
        this.layers = new MetadataLayers(settings);
        this.tenant = tenant;
        this.access = access;
        this.clock = clock;
    }

    /** A zip and the name to save it under. */
    public record Export(String fileName, byte[] zip) {
    }

    /**
     * An import's outcome: the problems (the draft unchanged), or the definitions now in the draft
     * and what they changed in it.
     */
    public record Imported(List<FieldError> problems, int definitions, List<LayerDiff.Change> changes) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public Map<String, Object> view() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("definitions", definitions);
            out.put("summary", LayerDiff.summary(changes));
            out.put("changes", changes.stream().map(c -> MetadataHistory.change(c, false)).toList());
            return out;
        }
    }

    /** The draft, or the layer a published version holds when {@code version} is given. */
    public Export export(Actor actor, Integer version) {
        require(actor);
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> manifest = new LinkedHashMap<>();
        List<LayerDefinition> layer;
        if (version == null) {
            manifest.put("source", "draft");
            layer = tenant.draft();
        } else {
            if (tenant.versions().stream().noneMatch(v -> v.versionNumber() == version)) {
                throw new NotFoundException("version " + version);
            }
            manifest.put("source", "version");
            manifest.put("version", version);
            layer = tenant.layerOf(version);
        }
        manifest.put("exportedAt", now.toString());
        manifest.put("exportedBy", actor.realUsername());
        String name = "metadata-" + (version == null ? "draft" : "v" + version) + ".zip";
        return new Export(name, LayerArchive.write(layer, manifest, now));
    }

    /**
     * The draft becomes the archive's layer when the archive is sound and each of its files
     * merges into a definition its meta-schema accepts; otherwise nothing changes.
     *
     * @param locale the language of the problems' texts
     */
    public Imported importDraft(Actor actor, byte[] archive, Locale locale) {
        require(actor);
        LayerArchive.Contents contents = LayerArchive.read(archive);
        List<FieldError> problems = new ArrayList<>();
        for (LayerArchive.Problem p : contents.problems()) {
            problems.add(new FieldError(p.file(), Texts.get(locale, "metadata.archive." + p.text(), p.args().toArray())));
        }
        if (problems.isEmpty()) {
            problems.addAll(check(contents.definitions(), locale));
        }
        if (!problems.isEmpty()) {
            return new Imported(problems, 0, List.of());
        }
        List<LayerDefinition> before = tenant.draft();
        tenant.replaceDraft(contents.definitions(), actor.realUsername());
        return new Imported(List.of(), contents.definitions().size(), LayerDiff.between(before, contents.definitions()));
    }

    /**
     * Each file checked as a PUT of it would be, in as few loads of the installation's layers as
     * there are bad files (a load is some 60 ms): the loader checks every definition on its own
     * and stops at the first that fails, so that one is named and set aside and the rest loaded
     * again. Past {@link #NAMED} bad files the check stops and says there are more.
     */
    private List<FieldError> check(List<LayerDefinition> definitions, Locale locale) {
        List<FieldError> problems = new ArrayList<>();
        List<LayerDefinition> remaining = new ArrayList<>(definitions);
        while (true) {
            MetadataException e = loadFails(remaining);
            if (e == null) {
                return byFile(problems);
            }
            if (problems.size() == NAMED) {
                List<FieldError> out = byFile(problems);
                out.add(new FieldError(LayerArchive.WHOLE, Texts.get(locale, "metadata.archive.more", NAMED)));
                return out;
            }
            List<String> sources = e.source() == null ? List.of() : List.of(e.source().split(" \\+ "));
            LayerDefinition culprit = remaining.stream().filter(d -> sources.contains(d.source())).findFirst().orElse(null);
            if (culprit == null) {
                // not one of the archive's files (the installation's own layers broke): say so as it is
                problems.add(new FieldError(LayerArchive.WHOLE, e.getMessage()));
                return problems;
            }
            problems.add(problem(culprit, e));
            remaining.remove(culprit);
        }
    }

    /** In the order of the files, whichever order the loader met them in. */
    private static List<FieldError> byFile(List<FieldError> problems) {
        List<FieldError> out = new ArrayList<>(problems);
        out.sort(Comparator.comparing(FieldError::field));
        return out;
    }

    private MetadataException loadFails(List<LayerDefinition> definitions) {
        try {
            layers.load(definitions);
            return null;
        } catch (MetadataException e) {
            return e;
        }
    }

    /** The file, with the JSON pointer inside it as a fragment ({@code forms/x.yaml#/fields/0/type}) when there is one. */
    private static FieldError problem(LayerDefinition d, MetadataException e) {
        String file = LayerArchive.path(d.kind(), d.key());
        String where = e.path() == null ? "" : e.path();
        if (where.startsWith("/")) {
            return new FieldError(where.equals("/") ? file : file + "#" + where, e.reason());
        }
        return new FieldError(file, where.isEmpty() ? e.reason() : where + ": " + e.reason());
    }

    private void require(Actor actor) {
        if (!access.mayChangeMetadata(actor, LiveMetadata.EDIT)) {
            throw new ForbiddenException("metadata");
        }
    }
}
