package dev.formation.metadata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A layer written as a zip laid out like metadata/, and read back with every untrusted shape refused. */
class LayerArchiveTest {

    private static final LocalDateTime TIME = LocalDateTime.of(2026, 2, 28, 23, 59, 58);
    private static final String WECHAT = "fields:\n  - {key: wechat, type: text, label: {zh-CN: 微信, en: WeChat}}\n";
    private static final List<LayerDefinition> LAYER = List.of(
            new LayerDefinition("form", "customer", WECHAT),
            new LayerDefinition("dictionary", "industry", "options:\n  - {key: space, label: {zh-CN: 航天}}\n"));

    @TempDir
    Path folder;

    /** name → bytes, in order; a name given twice is written twice. */
    private static byte[] zip(Object... namesAndTexts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndTexts[i]));
                Object content = namesAndTexts[i + 1];
                zip.write(content instanceof byte[] b ? b : content.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<String> problems(byte[] archive) {
        return LayerArchive.read(archive).problems().stream().map(p -> p.file() + " " + p.text()).toList();
    }

    @Test
    void aWrittenLayerReadsBackAsItWasWithItsManifestFirst() throws IOException {
        byte[] archive = LayerArchive.write(LAYER, Map.of("source", "draft", "exportedBy", "admin"), TIME);
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                assertEquals(TIME, e.getTimeLocal());
            }
        }
        assertEquals(List.of("manifest.yaml", "dictionaries/industry.yaml", "forms/customer.yaml"), names);
        LayerArchive.Contents read = LayerArchive.read(archive);
        assertEquals(List.of(), read.problems());
        assertEquals(List.of(LAYER.get(1), LAYER.get(0)), read.definitions());
        assertEquals(LayerArchive.FORMAT, read.manifest().get("format"));
        assertEquals("draft", read.manifest().get("source"));
        assertArrayEquals(archive, LayerArchive.write(LAYER, Map.of("source", "draft", "exportedBy", "admin"), TIME),
                "the same layer at the same time is the same bytes");
    }

    @Test
    void unpackedItIsAnOverlayFolderTheLoaderReads() throws IOException {
        byte[] archive = LayerArchive.write(LAYER, Map.of("source", "draft"), TIME);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path file = folder.resolve(e.getName());
                Files.createDirectories(file.getParent());
                Files.write(file, in.readAllBytes());
            }
        }
        MetadataSet set = new MetadataLoader().load(null, folder);
        assertTrue(set.find("form", "customer").orElseThrow().content().toString().contains("wechat"));
        assertTrue(set.find("dictionary", "industry").orElseThrow().content().toString().contains("space"));
    }

    @Test
    void aManifestAloneIsAnEmptyLayerAndNothingAtAllIsRefused() throws IOException {
        LayerArchive.Contents empty = LayerArchive.read(LayerArchive.write(List.of(), Map.of(), TIME));
        assertEquals(List.of(), empty.problems());
        assertEquals(List.of(), empty.definitions());
        assertEquals(List.of("archive empty"), problems(zip()));
        assertEquals(List.of("archive empty"), problems(zip("forms/", "")));
    }

    @Test
    void whatIsNotAZipIsRefused() {
        assertEquals(List.of("archive notZip"), problems(new byte[0]));
        assertEquals(List.of("archive notZip"), problems("kind: form\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDamagedZipIsRefusedNamingTheEntry() throws IOException {
        byte[] archive = zip("forms/visit.yaml", "fields: []\n".repeat(200));
        byte[] cut = java.util.Arrays.copyOf(archive, 60);
        List<String> found = problems(cut);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).endsWith(" corrupt") || found.get(0).endsWith(" empty"), found.toString());
        byte[] garbled = archive.clone();
        for (int i = 50; i < 70; i++) {
            garbled[i] = (byte) 0xFF;
        }
        assertEquals(List.of("forms/visit.yaml corrupt"), problems(garbled));
    }

    @Test
    void namesThatClimbOutOfTheFolderAreRefused() throws IOException {
        assertEquals(List.of("../forms/visit.yaml unsafeName", "/etc/passwd unsafeName", "forms/../../x.yaml unsafeName",
                        "forms\\visit.yaml unsafeName", "C:/forms/visit.yaml unsafeName", "./forms/visit.yaml unsafeName"),
                problems(zip("../forms/visit.yaml", "x: 1", "/etc/passwd", "x", "forms/../../x.yaml", "x",
                        "forms\\visit.yaml", "x", "C:/forms/visit.yaml", "x", "./forms/visit.yaml", "x")));
    }

    @Test
    void onlyDefinitionsInKnownFoldersAreTaken() throws IOException {
        assertEquals(List.of("notes.txt unknownEntry", "forms/visit.yml unknownEntry", "widgets/a.yaml unknownEntry",
                        "forms/Visit.yaml unknownEntry", "forms/sub/a.yaml unknownEntry", "extra/ unknownEntry"),
                problems(zip("notes.txt", "x", "forms/visit.yml", "x: 1", "widgets/a.yaml", "x: 1", "forms/Visit.yaml", "x: 1",
                        "forms/sub/a.yaml", "x: 1", "extra/", "")));
    }

    @Test
    void anEntryGivenTwiceIsRefused() throws IOException {
        // ZipOutputStream will not write a name twice: write two names of one length, then rename the second
        byte[] archive = zip("forms/aaaa.yaml", "x: 1\n", "forms/bbbb.yaml", "x: 2\n");
        String text = new String(archive, StandardCharsets.ISO_8859_1).replace("forms/bbbb.yaml", "forms/aaaa.yaml");
        assertEquals(List.of("forms/aaaa.yaml duplicate"), problems(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aZipBombStopsAtTheLimitOfOneEntry() throws IOException {
        byte[] zeros = new byte[LayerArchive.MAX_ENTRY_BYTES + 1];
        byte[] archive = zip("forms/visit.yaml", zeros);
        assertTrue(archive.length < 10_000, "a small archive: " + archive.length);
        assertEquals(List.of("forms/visit.yaml entryTooLarge"), problems(archive));
        assertEquals(List.of(), problems(zip("forms/visit.yaml", "#".repeat(LayerArchive.MAX_ENTRY_BYTES))));
    }

    @Test
    void manyEntriesUnderTheirLimitStillStopAtTheTotal() throws IOException {
        List<Object> entries = new ArrayList<>();
        byte[] big = "#".repeat(LayerArchive.MAX_ENTRY_BYTES).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i <= LayerArchive.MAX_TOTAL_BYTES / LayerArchive.MAX_ENTRY_BYTES; i++) {
            entries.add("forms/f" + i + ".yaml");
            entries.add(big);
        }
        assertEquals(List.of("archive tooLarge"), problems(zip(entries.toArray())));
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        List<Object> entries = new ArrayList<>();
        for (int i = 0; i <= LayerArchive.MAX_ENTRIES; i++) {
            entries.add("forms/f" + i + ".yaml");
            entries.add("x: 1\n");
        }
        assertEquals(List.of("archive tooManyEntries"), problems(zip(entries.toArray())));
    }

    @Test
    void textThatIsNotUtf8AndAForeignManifestAreRefused() throws IOException {
        assertEquals(List.of("forms/visit.yaml notUtf8", "manifest.yaml manifest"),
                problems(zip("forms/visit.yaml", new byte[]{'a', ':', ' ', (byte) 0xC3, (byte) 0x28},
                        "manifest.yaml", "format: something-else\n")));
        assertEquals(List.of("manifest.yaml manifest"), problems(zip("manifest.yaml", "format: formation-metadata-layer\nformatVersion: 2\n")));
        assertEquals(List.of("manifest.yaml manifest"), problems(zip("manifest.yaml", "[not, a, mapping]")));
        assertEquals(List.of(), problems(zip("forms/visit.yaml", "\uFEFFx: 1\n")));
        assertEquals("x: 1\n", LayerArchive.read(zip("forms/visit.yaml", "\uFEFFx: 1\n")).definitions().get(0).yaml());
    }
}
