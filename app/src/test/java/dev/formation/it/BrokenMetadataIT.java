package dev.formation.it;

import dev.formation.metadata.MetadataException;
import dev.formation.testing.FormationApp;
import dev.formation.testing.Resources;
import dev.formation.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A bad metadata file stops start-up with one line naming the file, the path inside it and the
 * reason, both in the app started here and in the packaged jar a user runs.
 */
class BrokenMetadataIT {

    private Path tempDir;
    private TestDatabase db;

    @BeforeEach
    void freshDatabase() throws IOException {
        tempDir = Files.createTempDirectory("formation-broken-");
        db = TestDatabase.create(tempDir);
    }

    @AfterEach
    void dropDatabase() {
        db.close();
        TestDatabase.deleteTree(tempDir);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "broken-unknown-type,       forms/customer.yaml, /fields/\\d+/type,       enumeration",
        "broken-missing-dictionary, forms/supplier.yaml, /fields/1/dictionary,    no dictionary named 'no_such_dictionary'",
        "broken-flow-loop,          flows/daily_report_loop.yaml, /nodes/1/branches/0/next, a flow may only jump forward",
        "broken-flow-role,          flows/daily_report_role.yaml, /nodes/0/assignees/role, no role named 'no_such_role'",
        "broken-duplicate-field,    forms/customer.yaml, /fields/1/key,           duplicate key 'wechat'",
        "broken-duplicate-option,   dictionaries/customer_category.yaml, /options/1/key, duplicate key 'partner'",
        "broken-duplicate-node,     flows/daily_report_twice.yaml, /nodes/1/key,  duplicate key 'review'",
        "broken-print-template,     forms/payment.yaml, /prints/1/template,       no report template reports/no_such_template.jrxml",
        "broken-print-related,      forms/customer.yaml, /prints/0/related/2/field, that refers to form",
    })
    void startUpFailsWithOneLineNamingFilePathAndReason(String overlay, String file, String pathPattern, String reason) {
        Path folder = Resources.folder("overlays/" + overlay);
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> FormationApp.start(db, tempDir.resolve("data"), Map.of("formation.metadata-dir", folder.toString()))
                        .close());
        MetadataException cause = find(e);
        assertNotNull(cause, "a MetadataException in the cause chain of " + e);
        String message = cause.getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        assertTrue(message.contains(file), "names the file: " + message);
        assertTrue(message.contains(folder.toString()), "names the overlay file, not only the shipped one: " + message);
        assertTrue(java.util.regex.Pattern.compile(pathPattern).matcher(message).find(), "names the path: " + message);
        assertTrue(message.contains(reason), "gives the reason: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "broken-unknown-type,       forms/customer.yaml, /fields/",
        "broken-missing-dictionary, forms/supplier.yaml, /fields/1/dictionary",
    })
    void thePackagedJarExitsWithOneLineAndNoStackTrace(String overlay, String file, String path) throws Exception {
        Path jar = Path.of(System.getProperty("formation.test.jar", "target/formation.jar"));
        assumeTrue(Files.isRegularFile(jar), "the packaged jar exists (mvn verify builds it before the ITs): " + jar);
        Path folder = Resources.folder("overlays/" + overlay);
        Path err = tempDir.resolve("stderr.txt");
        Path out = tempDir.resolve("stdout.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString())
                .redirectError(err.toFile())
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("FORMATION_") || k.startsWith("DATASOURCES_") || k.startsWith("MICRONAUT_"));
        env.put("FORMATION_DATA_DIR", tempDir.resolve("jar-data").toString());
        env.put("FORMATION_METADATA_DIR", folder.toString());
        env.put("MICRONAUT_SERVER_PORT", "-1");
        db.properties().forEach((k, v) -> env.put(k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'),
                String.valueOf(v)));
        Process process = pb.start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(exited, "the jar should stop by itself; stderr: " + stderr);
        assertEquals(1, process.exitValue(), "exit code; stderr: " + stderr);

        List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
        List<String> reports = lines.stream().filter(l -> l.startsWith("Formation cannot start:")).toList();
        assertEquals(1, reports.size(), "one line starting 'Formation cannot start:' in: " + stderr);
        String line = reports.get(0);
        assertTrue(line.contains(file), line);
        assertTrue(line.contains(folder.toString()), line);
        assertTrue(line.contains(path), line);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + stderr);
        assertTrue(lines.stream().noneMatch(l -> l.contains("Exception")), "no exception names: " + stderr);
    }

    @Test
    void aValidOverlayFolderStartsFine() {
        try (FormationApp app = FormationApp.start(db, tempDir.resolve("data"),
                Map.of("formation.metadata-dir", Resources.folder("overlays/wechat").toString()))) {
            app.api().anonymous().get("/health").expect(200);
        }
    }

    private static MetadataException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MetadataException m) {
                return m;
            }
        }
        return null;
    }
}
