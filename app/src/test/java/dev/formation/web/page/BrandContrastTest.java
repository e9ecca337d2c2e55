package dev.formation.web.page;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The navbar brand's text against its background, at rest and hovered: WCAG AA asks 4.5:1 of normal text. */
class BrandContrastTest {

    private static final Path CSS = Path.of("src/main/resources/static/app.css");
    private static final double AA = 4.5;

    @Test
    void theBrandIsReadableAtRestAndHovered() throws IOException {
        String css = Files.readString(CSS, StandardCharsets.UTF_8);
        for (String selector : new String[]{".navbar .brand", ".navbar .brand:hover"}) {
            String rule = rule(css, selector);
            double ratio = contrast(hex(rule, "color"), hex(rule, "background-color"));
            assertTrue(ratio >= AA, selector + " has a contrast of " + ratio + ":1");
        }
    }

    @Test
    void theContrastFormulaGivesTheKnownValues() {
        assertEquals(21.0, contrast("#000000", "#ffffff"), 0.01);
        assertEquals(1.0, contrast("#777777", "#777777"), 0.001);
        // the old brand colour, Bulma's turquoise, on white
        assertEquals(1.95, contrast("#00d1b2", "#ffffff"), 0.01);
    }

    /** The declarations of the rule whose selector list starts with {@code selector}. */
    private static String rule(String css, String selector) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(selector) + "[ ,][^{]*\\{([^}]*)}").matcher(css);
        assertTrue(m.find(), "no rule for " + selector + " in app.css");
        return m.group(1);
    }

    private static String hex(String declarations, String property) {
        Matcher m = Pattern.compile("(?:^|;)\\s*" + Pattern.quote(property) + "\\s*:\\s*(#[0-9a-fA-F]{6})\\b")
                .matcher(declarations);
        assertTrue(m.find(), "no hex " + property + " in {" + declarations + "}");
        return m.group(1);
    }

    /** WCAG 2.x contrast ratio of two sRGB colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
