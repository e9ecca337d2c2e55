package dev.formation.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * LibreOffice Calc, headless, as a second spreadsheet program reading our files: converts a
 * workbook to one CSV per sheet. A required test tool, like pdftotext: .ci/run installs
 * {@code libreoffice-calc}; without it the test fails saying so instead of passing unseen.
 */
public final class LibreOffice {

    /** Calc's CSV filter: comma, double quote, UTF-8, from row 1, cells as shown, every sheet (-1) to its own file. */
    private static final String ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

    private LibreOffice() {
    }

    /** Each sheet of the workbook as LibreOffice reads it, by sheet name, in sheet order. */
    public static Map<String, CsvTable> sheets(byte[] xlsx, List<String> sheetNames) throws IOException, InterruptedException {
        Path soffice = Stream.of("/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (soffice == null) {
            fail("LibreOffice is required for this test: apt-get install libreoffice-calc (.ci/run installs it)");
        }
        Path dir = Files.createTempDirectory("formation-lo-");
        try {
            Path book = dir.resolve("export.xlsx");
            Files.write(book, xlsx);
            // a profile of its own, so parallel runs and a user's own LibreOffice never share one
            Process p = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                    "--headless", "--convert-to", ALL_SHEETS_CSV, "--outdir", dir.resolve("out").toString(),
                    book.toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "LibreOffice did not finish: " + log);
            assertEquals(0, p.exitValue(), log);
            Map<String, CsvTable> out = new LinkedHashMap<>();
            for (String name : sheetNames) {
                Path csv = dir.resolve("out").resolve("export-" + name + ".csv");
                assertTrue(Files.exists(csv), "no CSV for sheet " + name + ": " + log + " "
                        + listing(dir.resolve("out")));
                out.put(name, CsvTable.parse(Files.readString(csv, StandardCharsets.UTF_8)));
            }
            return out;
        } finally {
            TestDatabase.deleteTree(dir);
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
