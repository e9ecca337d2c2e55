package dev.formation.metadata;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shipped layer and the overlay layer, merges them and validates the result.
 * A folder name selects the kind of its files ({@code forms/} holds forms); a file's name
 * must equal the {@code key} inside it, so an overlay file always names what it changes.
 */
public final class MetadataLoader {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataLoader.class);

    /** Folder → kind. Kinds without a folder here are not read. */
    public static final Map<String, String> FOLDERS = Map.of(
            "forms", "form",
            "dictionaries", "dictionary",
            "menus", "menu",
            "roles", "role",
            "reports", "report",
            "dashboards", "dashboard",
            "flows", "flow",
            "demo", "demo");

    private final MetaSchemas metaSchemas = new MetaSchemas(new java.util.HashSet<>(FOLDERS.values()));

    /**
     * @param shippedFolder a folder holding the shipped layer, or null to read the copy packaged
     *                      in the application under {@code metadata/}
     * @param overlayFolder the tenant overlay, or null
     */
    public MetadataSet load(Path shippedFolder, Path overlayFolder) {
        return load(shippedFolder, overlayFolder, List.of());
    }

    /**
     * @param tenant the tenant's layer (from the database), merged last
     */
    public MetadataSet load(Path shippedFolder, Path overlayFolder, List<LayerDefinition> tenant) {
        return loadOver(base(shippedFolder, overlayFolder), tenant);
    }

    /**
     * The shipped and overlay layers read, merged and checked against the meta-schemas: the part
     * of every load that does not change while the app runs, so a caller that loads often (each
     * publish check, each version a node picks up) reads, parses and checks it once.
     */
    public Base base(Path shippedFolder, Path overlayFolder) {
        List<MetadataFiles.File> shipped = shippedFolder == null
                ? MetadataFiles.onClasspath("metadata", MetadataLoader.class.getClassLoader())
                : MetadataFiles.inFolder(shippedFolder, shippedFolder.toString());
        List<MetadataFiles.File> overlay = overlayFolder == null ? List.of()
                : MetadataFiles.inFolder(overlayFolder, overlayFolder.toString());

        Map<String, Map<String, Layered>> layered = new HashMap<>();
        for (MetadataFiles.File file : shipped) {
            addLayer(layered, file);
        }
        for (MetadataFiles.File file : overlay) {
            addLayer(layered, file);
        }
        LOG.info("Loaded metadata: {} shipped files, {} overlay files", shipped.size(), overlay.size());
        return new Base(checked(layered, Map.of()));
    }

    /** The base with a tenant's layer merged on top; only the definitions the tenant touches are checked again. */
    public MetadataSet loadOver(Base base, List<LayerDefinition> tenant) {
        Map<String, Map<String, Layered>> touched = new HashMap<>();
        for (LayerDefinition definition : tenant) {
            MetadataFiles.File file = definition.asFile();
            String kind = FOLDERS.get(file.folder());
            MetadataDocument below = kind == null ? null : base.documents.getOrDefault(kind, Map.of()).get(file.name());
            if (below != null) {
                touched.computeIfAbsent(kind, k -> new LinkedHashMap<>())
                        .computeIfAbsent(file.name(), name -> new Layered(below.content(), below.sources()));
            }
            addLayer(touched, file);
        }
        LOG.debug("Merged {} tenant definitions over the base metadata", tenant.size());
        return new MetadataSet(checked(touched, base.documents));
    }

    /** The merged documents, each checked against its kind's meta-schema, over those already checked. */
    private Map<String, Map<String, MetadataDocument>> checked(Map<String, Map<String, Layered>> layered,
                                                              Map<String, Map<String, MetadataDocument>> below) {
        Map<String, Map<String, MetadataDocument>> documents = new HashMap<>();
        below.forEach((kind, byKey) -> documents.put(kind, new LinkedHashMap<>(byKey)));
        layered.forEach((kind, byKey) -> byKey.forEach((key, doc) -> {
            metaSchemas.check(kind, doc.sourceLine(), doc.content);
            documents.computeIfAbsent(kind, k -> new LinkedHashMap<>())
                    .put(key, new MetadataDocument(kind, key, doc.content, List.copyOf(doc.sources)));
        }));
        return documents;
    }

    /** The shipped and overlay layers, merged and checked ({@link #base}); immutable, shared by every load. */
    public static final class Base {
        private final Map<String, Map<String, MetadataDocument>> documents;

        private Base(Map<String, Map<String, MetadataDocument>> documents) {
            Map<String, Map<String, MetadataDocument>> copy = new HashMap<>();
            documents.forEach((kind, byKey) -> copy.put(kind, java.util.Collections.unmodifiableMap(byKey)));
            this.documents = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /** The folder that holds definitions of the kind, or null for a kind this version does not read. */
    public static String folderOf(String kind) {
        return FOLDERS.entrySet().stream().filter(e -> e.getValue().equals(kind)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /** Checks one merged definition against its kind's meta-schema. */
    public void check(String kind, String source, Map<String, Object> content) {
        metaSchemas.check(kind, source, content);
    }

    private void addLayer(Map<String, Map<String, Layered>> layered, MetadataFiles.File file) {
        String kind = FOLDERS.get(file.folder());
        if (kind == null) {
            LOG.debug("Ignoring {}: its folder holds no kind of metadata read by this version", file.source());
            return;
        }
        Map<String, Object> content = YamlFiles.parse(file.source(), file.text());
        DuplicateKeys.check(file.source(), content);
        Object declaredKind = content.get("kind");
        if (declaredKind != null && !kind.equals(declaredKind)) {
            throw new MetadataException(file.source(), "/kind",
                    "files in " + file.folder() + "/ must have kind '" + kind + "', found '" + declaredKind + "'");
        }
        Object key = content.get("key");
        if (key != null && !file.name().equals(key)) {
            throw new MetadataException(file.source(), "/key",
                    "the key '" + key + "' must equal the file name '" + file.name() + "'");
        }
        Map<String, Layered> ofKind = layered.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        Layered existing = ofKind.get(file.name());
        if (existing == null) {
            ofKind.put(file.name(), new Layered(content, file.source()));
        } else {
            existing.content = LayerMerger.merge(existing.content, content);
            existing.sources.add(file.source());
        }
    }

    /** A document while its layers are being merged. */
    private static final class Layered {
        private Map<String, Object> content;
        private final List<String> sources = new ArrayList<>();

        Layered(Map<String, Object> content, String source) {
            this.content = content;
            this.sources.add(source);
        }

        Layered(Map<String, Object> content, List<String> sources) {
            this.content = content;
            this.sources.addAll(sources);
        }

        String sourceLine() {
            return String.join(" + ", sources);
        }
    }
}
