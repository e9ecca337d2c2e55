package dev.formation.it;

import dev.formation.testing.AppTestBase;
import nu.validator.htmlparser.common.XmlViolationPolicy;
import nu.validator.htmlparser.dom.HtmlDocumentBuilder;
import nu.validator.validation.SimpleDocumentValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard page is valid HTML (the Nu HTML checker finds no error) that reads on a laptop
 * and a phone: unique ids, no style sheets inside tables, text of at least 12 px, charts at their
 * natural aspect with a text alternative, tables across the whole widget, a grid of one column on
 * phones.
 */
class DashboardHtmlIT extends AppTestBase {

    private static final Pattern FONT_SIZE = Pattern.compile("font-size\\s*:\\s*([0-9.]+)(px|pt|rem|em)");

    private SimpleDocumentValidator validator;
    private final List<String> errors = new ArrayList<>();

    @BeforeAll
    void checker() throws Exception {
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings (say, about a language guess) are advice
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        validator = new SimpleDocumentValidator(true, false, false);
        onLargeStack(() -> {
            validator.setUpMainSchema("http://s.validator.nu/html5-rdfalite.rnc", collect);
            validator.setUpValidatorAndParsers(collect, true, false);
            return null;
        });
    }

    /**
     * The checker compiles and walks the HTML schema recursively, deeper than a test JVM's default
     * thread stack holds (the tests run with C1 only, whose frames are larger): it runs on a thread
     * of its own with room to spare.
     */
    private static void onLargeStack(Callable<Void> work) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                work.call();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "nu-html-checker", 256L << 20);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the HTML checker failed", failure.get());
        }
    }

    @ParameterizedTest(name = "{0} {1} ({2})")
    @CsvSource({"manager1, sales_overview, zh-CN", "manager1, sales_overview, en", "sales1, my_sales, zh-CN",
        "manager1, sales_overview?owner=nobody-at-all, zh-CN"})
    void theDashboardIsValidReadableHtml(String user, String dashboard, String language) throws Exception {
        String html = api.as(user).header("Accept-Language", language).get("/dashboards/" + dashboard).expect(200).body();

        errors.clear();
        InputSource source = new InputSource(new StringReader(html));
        onLargeStack(() -> {
            validator.checkHtmlInputSource(source);
            return null;
        });
        assertEquals(List.of(), errors, "Nu HTML checker errors");

        Document page = parse(html);
        assertUniqueIds(page);
        assertEquals(0, count(page, "table", t -> t.getElementsByTagName("style").getLength() > 0), "<style> inside <table>");
        assertChartsKeepTheirAspectAndSayWhatTheyShow(page);
        assertTextIsAtLeast12Px(html);
        assertTextIsAtLeast12Px(api.as(user).get("/static/app.css").expect(200).body());
        for (Element widget : elements(page, "section")) {
            if (widget.getAttribute("class").contains("dashboard-widget")) {
                assertTrue(widget.hasAttribute("aria-labelledby"), "a widget is a region named by its heading");
                Element cell = (Element) widget.getParentNode();
                assertTrue(cell.getAttribute("class").contains("is-12-mobile"), "one column on phones");
            }
        }
        for (Element table : elements(page, "table")) {
            assertTrue(table.getAttribute("class").contains("is-fullwidth"), "a table spans its widget");
            assertTrue(table.getElementsByTagName("th").getLength() > 0, "a data table has header cells");
        }
    }

    private static void assertUniqueIds(Document page) {
        Set<String> seen = new HashSet<>();
        NodeList all = page.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String id = ((Element) all.item(i)).getAttribute("id");
            assertTrue(id.isEmpty() || seen.add(id), "duplicate id " + id);
        }
    }

    private static void assertChartsKeepTheirAspectAndSayWhatTheyShow(Document page) throws Exception {
        for (Element img : elements(page, "img")) {
            assertFalse(img.getAttribute("alt").isBlank(), "a chart says what it shows");
            assertTrue(img.getAttribute("style").isEmpty(), "no inline size fights the stylesheet");
            assertDeclaredAspectIsTheImages(img, img.getAttribute("src"));
        }
        // the smaller rendition a phone shows instead
        for (Element source : elements(page, "source")) {
            assertDeclaredAspectIsTheImages(source, source.getAttribute("srcset"));
        }
    }

    private static void assertDeclaredAspectIsTheImages(Element e, String src) throws Exception {
        assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, Math.min(40, src.length())));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder()
                .decode(src.substring(src.indexOf(',') + 1))));
        double natural = (double) image.getWidth() / image.getHeight();
        double declared = Double.parseDouble(e.getAttribute("width")) / Double.parseDouble(e.getAttribute("height"));
        assertEquals(natural, declared, natural * 0.01, "width/height match the image's aspect");
    }

    private static void assertTextIsAtLeast12Px(String text) {
        Matcher m = FONT_SIZE.matcher(text);
        while (m.find()) {
            double size = Double.parseDouble(m.group(1));
            double px = switch (m.group(2)) {
                case "pt" -> size * 4 / 3;
                case "rem", "em" -> size * 16;
                default -> size;
            };
            assertTrue(px >= 12, "text of " + m.group() + " is smaller than 12 px");
        }
    }

    private static Document parse(String html) throws Exception {
        HtmlDocumentBuilder builder = new HtmlDocumentBuilder(XmlViolationPolicy.ALTER_INFOSET);
        return builder.parse(new InputSource(new StringReader(html)));
    }

    private static List<Element> elements(Document page, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = page.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static int count(Document page, String tag, java.util.function.Predicate<Element> test) {
        return (int) elements(page, tag).stream().filter(test).count();
    }
}
