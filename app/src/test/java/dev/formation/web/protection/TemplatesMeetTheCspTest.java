package dev.formation.web.protection;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages' CSP allows scripts and styles only from files of this site: no template may use an
 * inline script, a style element or attribute, an event-handler attribute or a javascript: URL,
 * and the page script may not set style attributes either.
 */
class TemplatesMeetTheCspTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path SCRIPT = Path.of("src/main/resources/static/app.js");
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE),
            Pattern.compile("<style\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE));

    @Test
    void noTemplateNeedsInlineScriptOrStyle() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> templates;
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            templates = files.filter(p -> p.toString().endsWith(".ftlh")).sorted().toList();
        }
        assertTrue(templates.size() >= 20, "the templates are there: " + templates);
        for (Path template : templates) {
            String text = Files.readString(template, StandardCharsets.UTF_8);
            for (Pattern pattern : FORBIDDEN) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    found.add(template.getFileName() + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found, "inline script or style the CSP would block");
    }

    @Test
    void thePageScriptSetsNoStyleAttributeAndEvaluatesNoStrings() throws IOException {
        String script = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        for (String forbidden : List.of("setAttribute('style'", "setAttribute(\"style\"", "eval(",
                "new Function(")) {
            assertTrue(!script.contains(forbidden), "app.js uses " + forbidden);
        }
    }
}
