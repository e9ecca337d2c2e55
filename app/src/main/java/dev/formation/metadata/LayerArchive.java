package dev.formation.metadata;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A tenant's layer as a zip: one YAML file per definition, laid out like the shipped
 * {@code metadata/} folder ({@code forms/x.yaml}, {@code reports/y.yaml} ...), and a small
 * {@code manifest.yaml} at the top. Unpacked, it is an overlay folder the loader reads as it is,
 * and a folder one can keep in git.
 *
 * <p>Reading trusts nothing in the archive: only names of the form {@code <folder>/<key>.yaml}
 * are taken (no absolute path, no {@code ..}: nothing is ever written to disk, and a name that
 * would climb out of a folder is refused rather than cleaned), and what is unpacked is counted
 * as it is read, never taken from the sizes the archive declares, so a zip bomb stops at the
 * limit. Problems come back as text keys of the platform's messages; the caller words them.
 */
public final class LayerArchive {

    public static final String MANIFEST = "manifest.yaml";
    public static final String FORMAT = "formation-metadata-layer";
    public static final int FORMAT_VERSION = 1;
    /** Far above any tenant's layer (the shipped CRM has about 60 files); a listing of more is not an export. */
    public static final int MAX_ENTRIES = 1000;
    /** The largest shipped form is about 30 KB; a definition of a megabyte is no longer one a person edits. */
    public static final int MAX_ENTRY_BYTES = 1024 * 1024;
    public static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;
    /** Names an archive-wide problem (not one file's). */
    public static final String WHOLE = "archive";

    private static final Pattern ENTRY = Pattern.compile("^([a-z]+)/([a-z][a-z0-9_]{0,47})\\.yaml$");

    /**
     * One reason the archive cannot be imported.
     *
     * @param file the entry's name, or {@link #WHOLE}
     * @param text a key of the platform's messages under {@code metadata.archive.}
     */
    public record Problem(String file, String text, List<Object> args) {
        static Problem of(String file, String text, Object... args) {
            return new Problem(file, text, List.of(args));
        }
    }

    /** What an archive holds: its definitions (by kind and key), its manifest (empty when it has none), its problems. */
    public record Contents(List<LayerDefinition> definitions, Map<String, Object> manifest, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private LayerArchive() {
    }

    /** Where a definition lives in the archive and in {@code metadata/}: {@code forms/x.yaml}. */
    public static String path(String kind, String key) {
        String folder = MetadataLoader.folderOf(kind);
        return (folder == null ? kind : folder) + "/" + key + ".yaml";
    }

    /**
     * The layer as a zip: the manifest first, then each definition's YAML exactly as stored.
     *
     * @param manifest what the export says about itself (source, version, who, when); format and formatVersion are added
     * @param time     the time every entry carries, so one export's files look alike in any unzip tool
     */
    public static byte[] write(List<LayerDefinition> layer, Map<String, Object> manifest, LocalDateTime time) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("format", FORMAT);
        head.put("formatVersion", FORMAT_VERSION);
        head.putAll(manifest);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        String manifestText = "# A Formation metadata export: the tenant's layer, one YAML file per definition,\n"
                + "# laid out like metadata/ (forms/, dictionaries/, menus/, roles/, reports/, dashboards/, flows/).\n"
                + new Yaml(options).dump(head);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(zip, MANIFEST, manifestText, time);
            List<LayerDefinition> sorted = new ArrayList<>(layer);
            sorted.sort(Comparator.comparing((LayerDefinition d) -> path(d.kind(), d.key())));
            for (LayerDefinition d : sorted) {
                entry(zip, path(d.kind(), d.key()), d.yaml(), time);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a zip in memory", e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String text, LocalDateTime time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        zip.putNextEntry(entry);
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** Reads an archive written by {@link #write} or by hand; every problem found is named, and none is fatal to the caller. */
    public static Contents read(byte[] archive) {
        List<Problem> problems = new ArrayList<>();
        if (!looksLikeZip(archive)) {
            return new Contents(List.of(), Map.of(), List.of(Problem.of(WHOLE, "notZip")));
        }
        List<LayerDefinition> definitions = new ArrayList<>();
        Map<String, Object> manifest = Map.of();
        Set<String> seen = new HashSet<>();
        int entries = 0;
        long total = 0;
        String current = WHOLE;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                current = name;
                if (++entries > MAX_ENTRIES) {
                    problems.add(Problem.of(WHOLE, "tooManyEntries", MAX_ENTRIES));
                    break;
                }
                if (unsafe(name)) {
                    problems.add(Problem.of(name, "unsafeName"));
                    continue;
                }
                if (!seen.add(name)) {
                    problems.add(Problem.of(name, "duplicate"));
                    continue;
                }
                if (entry.isDirectory()) {
                    if (!MetadataLoader.FOLDERS.containsKey(name.substring(0, name.length() - 1))) {
                        problems.add(Problem.of(name, "unknownEntry", folders()));
                    }
                    continue;
                }
                Matcher m = ENTRY.matcher(name);
                boolean definition = m.matches() && MetadataLoader.FOLDERS.containsKey(m.group(1));
                if (!definition && !MANIFEST.equals(name)) {
                    problems.add(Problem.of(name, "unknownEntry", folders()));
                    continue;
                }
                byte[] content = readAtMost(zip, MAX_ENTRY_BYTES);
                if (content == null) {
                    problems.add(Problem.of(name, "entryTooLarge", mebibytes(MAX_ENTRY_BYTES)));
                    break;
                }
                total += content.length;
                if (total > MAX_TOTAL_BYTES) {
                    problems.add(Problem.of(WHOLE, "tooLarge", mebibytes(MAX_TOTAL_BYTES)));
                    break;
                }
                String text = utf8(content);
                if (text == null) {
                    problems.add(Problem.of(name, "notUtf8"));
                } else if (definition) {
                    definitions.add(new LayerDefinition(MetadataLoader.FOLDERS.get(m.group(1)), m.group(2), text));
                } else {
                    manifest = manifest(text, problems);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // the bytes are in memory, so any I/O failure is the archive's (cut short, garbled); an
            // IllegalArgumentException is an entry name that is not UTF-8 although the archive says so
            problems.add(Problem.of(current, "corrupt", String.valueOf(e.getMessage())));
        }
        if (problems.isEmpty() && definitions.isEmpty() && manifest.isEmpty()) {
            problems.add(Problem.of(WHOLE, "empty"));
        }
        definitions.sort(Comparator.comparing(LayerDefinition::kind).thenComparing(LayerDefinition::key));
        return new Contents(List.copyOf(definitions), manifest, List.copyOf(problems));
    }

    /** A local file header or the end record of an empty zip: anything else is not a zip at all. */
    private static boolean looksLikeZip(byte[] b) {
        return b != null && b.length >= 4 && b[0] == 'P' && b[1] == 'K'
                && ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6));
    }

    /** Absolute, drive-lettered, backslashed or climbing names: the shapes of a zip-slip. */
    private static boolean unsafe(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":") || name.indexOf('\0') >= 0) {
            return true;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return true;
            }
        }
        return false;
    }

    /** The entry's bytes, or null once more than {@code limit} have come out of it. */
    private static byte[] readAtMost(ZipInputStream zip, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = zip.read(buffer)) > 0) {
            if (out.size() + n > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String utf8(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Map<String, Object> manifest(String text, List<Problem> problems) {
        Map<String, Object> parsed;
        try {
            parsed = YamlFiles.parse(MANIFEST, text);
        } catch (MetadataException e) {
            problems.add(Problem.of(MANIFEST, "manifest", FORMAT, FORMAT_VERSION));
            return Map.of();
        }
        if (!FORMAT.equals(parsed.get("format")) || !Integer.valueOf(FORMAT_VERSION).equals(parsed.get("formatVersion"))) {
            problems.add(Problem.of(MANIFEST, "manifest", FORMAT, FORMAT_VERSION));
        }
        return parsed;
    }

    private static String mebibytes(long bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }

    private static String folders() {
        return String.join(", ", new TreeSet<>(MetadataLoader.FOLDERS.keySet()));
    }
}
