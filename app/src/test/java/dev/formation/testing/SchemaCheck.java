package dev.formation.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An independent JSON Schema validator: ajv (draft 2020-12, strict mode) run by Node. The
 * versions are pinned in {@code src/test/node/schema-check/package-lock.json}; the first use
 * installs them with {@code npm ci} into {@code target/schema-check}.
 */
public final class SchemaCheck {

    /** Writes every non-ASCII character as an escape, so lone surrogates survive files and HTTP bodies. */
    public static final ObjectMapper ASCII_JSON = JsonMapper.builder()
            .enable(JsonGenerator.Feature.ESCAPE_NON_ASCII).build();

    private static final Path SOURCE = Path.of("src/test/node/schema-check");
    private static final Path HOME = Path.of("target/schema-check");

    private SchemaCheck() {
    }

    /** One verdict: valid, or the fields (server-style paths) ajv found wrong. */
    public record Verdict(boolean valid, List<String> paths) {
    }

    /** ajv's verdict on each payload against the schema, with the named formats declared. */
    public static List<Verdict> verdicts(JsonNode schema, List<String> formats, List<?> payloads) {
        install();
        try {
            Path in = Files.createTempFile(HOME, "in-", ".json");
            Path out = Files.createTempFile(HOME, "out-", ".json");
            try {
                ASCII_JSON.writeValue(in.toFile(), Map.of("schema", schema, "formats", formats, "payloads", payloads));
                run(List.of(node(), "check.js", in.getFileName().toString(), out.getFileName().toString()), 120);
                List<Verdict> verdicts = new ArrayList<>();
                for (JsonNode v : ASCII_JSON.readTree(out.toFile())) {
                    List<String> paths = new ArrayList<>();
                    v.get("paths").forEach(p -> paths.add(p.asText()));
                    verdicts.add(new Verdict(v.get("valid").asBoolean(), paths));
                }
                return verdicts;
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void install() {
        try {
            Files.createDirectories(HOME);
            for (String file : List.of("package.json", "package-lock.json", "check.js")) {
                Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!Files.isRegularFile(HOME.resolve("node_modules/ajv/package.json"))
                    || !Files.isRegularFile(HOME.resolve("node_modules/ajv-formats/package.json"))) {
                run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), 600);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String node() {
        return Files.isExecutable(Path.of("/usr/bin/node")) ? "/usr/bin/node" : "node";
    }

    private static void run(List<String> command, int timeoutSeconds) throws IOException {
        Path log = HOME.resolve("last-command.log");
        Process process = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed (" + process.exitValue() + "): "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
