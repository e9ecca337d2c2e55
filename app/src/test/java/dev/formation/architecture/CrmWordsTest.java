package dev.formation.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No CRM word in {@code app/src/main} outside comments: code, string constants, page templates,
 * texts, schemas, scripts and migrations are the engine's and must not know the CRM.
 */
class CrmWordsTest {

    /** Kinds of text scanned; fonts, icons and third-party licence texts are not ours to word. */
    private static final Pattern KEY = Pattern.compile("(?m)^key:\\s*([a-z][a-z0-9_]*)");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z0-9_]*)\"");

    static final Set<String> TEXT = Set.of("java", "js", "css", "properties", "yml", "yaml", "sql", "ftlh", "ftl",
            "html", "xml", "svg", "json");

    @Test
    void mainCodeAndResourcesNameNoCrmWord() {
        List<String> findings = new ArrayList<>();
        findings.addAll(scan(Path.of("src/main/java"), CrmWords.engine()));
        findings.addAll(scan(Path.of("src/main/resources"), CrmWords.engine()));
        assertEquals(List.of(), findings, "CRM words in app/src/main outside comments");
    }

    /**
     * The engine quotes no key of the shipped metadata (a role such as {@code system_admin}, a form, a
     * report): what a role may do is read from its metadata ({@code admin: true}), never from its name.
     */
    @Test
    void mainCodeQuotesNoShippedMetadataKey() {
        assertEquals(List.of(), quotedKeys(Path.of("src/main/java"), shippedKeys(Path.of("../metadata")), CrmWords.engine()),
                "keys of metadata/ quoted in app/src/main/java");
    }

    /**
     * The {@code key:} of every file of {@code metadata} but the demo data's (whose keys name files, not ideas);
     * fields' keys such as {@code status} are the platform's too, so only files' keys count.
     */
    static Set<String> shippedKeys(Path metadata) {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(metadata)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !metadata.relativize(f).startsWith("demo")).toList()) {
                Matcher key = KEY.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (key.find()) {
                    keys.add(key.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** String constants (comments blanked) that are exactly one of {@code keys}, as {@code path:line: "key"}. */
    static List<String> quotedKeys(Path root, Set<String> keys, CrmWords words) {
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String where = root.relativize(file).toString().replace('\\', '/');
                String[] lines = SourceText.withoutComments(file.getFileName().toString(),
                        Files.readString(file, StandardCharsets.UTF_8)).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    Matcher literal = LITERAL.matcher(lines[i]);
                    while (literal.find()) {
                        if (keys.contains(literal.group(1)) && !words.allows(literal.group(1), where)) {
                            findings.add(where + ":" + (i + 1) + ": \"" + literal.group(1) + "\"");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    /** Each line (comments blanked) naming a CRM word, as {@code path:line: words: text}. */
    static List<String> scan(Path root, CrmWords words) {
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(CrmWordsTest::isText).sorted().toList()) {
                String where = root.relativize(file).toString().replace('\\', '/');
                String text = SourceText.withoutComments(file.getFileName().toString(),
                        Files.readString(file, StandardCharsets.UTF_8));
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    List<String> found = words.in(lines[i], where);
                    if (!found.isEmpty()) {
                        findings.add(where + ":" + (i + 1) + ": " + found + ": " + lines[i].strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        return TEXT.contains(name.substring(name.lastIndexOf('.') + 1));
    }
}
