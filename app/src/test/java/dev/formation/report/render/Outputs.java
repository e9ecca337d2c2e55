package dev.formation.report.render;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads rendered reports back the way their readers would: PDF through poppler's pdftotext, XLSX as its sheet XML. */
final class Outputs {

    private Outputs() {
    }

    /**
     * The text pdftotext extracts, pages separated by form feeds. poppler-utils is a required
     * test tool (CI installs it): a missing pdftotext fails the test rather than skipping it.
     */
    static String pdfText(byte[] pdf) throws IOException, InterruptedException {
        Path file = Files.createTempFile("report", ".pdf");
        try {
            Files.write(file, pdf);
            Process process = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-")
                    .redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pdftotext did not finish");
            assertEquals(0, process.exitValue(), () -> "pdftotext failed: " + new String(out, StandardCharsets.UTF_8));
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.delete(file);
        }
    }

    /** The first sheet's rows, each as its cells' text (shared strings resolved, numbers as Excel stores them). */
    static List<List<Cell>> xlsxRows(byte[] xlsx) throws Exception {
        Map<String, byte[]> parts = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                parts.put(e.getName(), zip.readAllBytes());
            }
        }
        List<String> shared = new ArrayList<>();
        if (parts.containsKey("xl/sharedStrings.xml")) {
            NodeList items = xml(parts.get("xl/sharedStrings.xml")).getElementsByTagName("si");
            for (int i = 0; i < items.getLength(); i++) {
                shared.add(items.item(i).getTextContent());
            }
        }
        List<List<Cell>> rows = new ArrayList<>();
        NodeList rowNodes = xml(parts.get("xl/worksheets/sheet1.xml")).getElementsByTagName("row");
        for (int r = 0; r < rowNodes.getLength(); r++) {
            List<Cell> cells = new ArrayList<>();
            NodeList cellNodes = ((Element) rowNodes.item(r)).getElementsByTagName("c");
            for (int c = 0; c < cellNodes.getLength(); c++) {
                Element cell = (Element) cellNodes.item(c);
                NodeList v = cell.getElementsByTagName("v");
                String raw = v.getLength() == 0 ? "" : v.item(0).getTextContent();
                boolean text = "s".equals(cell.getAttribute("t"));
                cells.add(new Cell(text && !raw.isEmpty() ? shared.get(Integer.parseInt(raw)) : raw, !text && !raw.isEmpty()));
            }
            rows.add(cells);
        }
        return rows;
    }

    record Cell(String text, boolean numeric) {
    }

    private static Document xml(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }
}
