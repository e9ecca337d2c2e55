package dev.formation.it;

import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.ImportSheets;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page answers HTML to whatever a browser or a plain client puts in {@code Accept}:
 * {@code text/html} alone, a real browser's list, {@code *}{@code /*}, or nothing. The sweep takes
 * the page routes from the router, so a page added later is covered without touching this test.
 */
class PageNegotiationIT extends AppTestBase {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    /** {@code null}: no Accept header at all. */
    private static final List<String> ACCEPTS = Arrays.asList("text/html", "application/xhtml+xml,text/html;q=0.9,*/*;q=0.8",
            BROWSER, "*/*", null);
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)[^}]*}");

    private final Map<String, String> samples = new LinkedHashMap<>();

    @BeforeAll
    void samples() {
        String name = Customers.uniqueName("内容协商");
        long draft = api.as("sales1").post(RECORDS, Customers.valid(name)).expect(201).json().get("id").asLong();
        long submitted = api.as("sales1").post(RECORDS, Customers.valid(Customers.uniqueName("内容协商流程")))
                .expect(201).json().get("id").asLong();
        long instance = new Flows(api).act("sales1", "customer", submitted, "submit", Map.of("assignee", "contract1"))
                .expect(200).json().get("id").asLong();
        samples.put("form", "customer");
        samples.put("id", String.valueOf(draft));
        samples.put("action", "submit");
        samples.put("username", "sales1");
        samples.put("dashboard", "my_sales");
        samples.put("flow", String.valueOf(instance));
        samples.put("import", String.valueOf(anImport()));
    }

    /** A finished import of one customer by the admin (importing is the business admin's grant). */
    private long anImport() {
        try {
            byte[] book = ImportSheets.workbook(new ImportSheets.SheetData("客户", List.of(List.of("客户名称"),
                    List.of(Customers.uniqueName("内容协商导入")))));
            long id = ImportSheets.start(api.as("admin"), "customer", book, null, null, true).expect(202).json()
                    .get("id").asLong();
            ImportSheets.awaitFinished(api.as("admin"), id, Duration.ofSeconds(30));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyPageRouteAnswersHtmlWhateverTheAcceptHeader() {
        List<String> paths = pagePaths();
        assertTrue(paths.size() >= 20, "the router lists the pages: " + paths);
        List<String> wrong = new ArrayList<>();
        for (String path : paths) {
            String viewer = path.startsWith("/admin/") || path.contains("/import") ? "admin" : "sales1";
            int expected = -1;
            for (String accept : ACCEPTS) {
                Api.Call call = api.as(viewer);
                if (accept != null) {
                    call.header("Accept", accept);
                }
                Api.Response r = call.get(path);
                String what = path + " with Accept " + accept + " -> " + r.status() + " " + r.contentType();
                if (expected < 0) {
                    expected = r.status();
                }
                boolean redirect = r.status() == 303;
                if (r.status() >= 400 || r.status() != expected
                        || (!redirect && !r.contentType().startsWith("text/html"))) {
                    wrong.add(what);
                }
            }
        }
        assertEquals(List.of(), wrong, "pages that did not answer HTML");
    }

    @Test
    void theLoginPageAndTheErrorPagesAnswerAcceptTextHtml() {
        for (String accept : ACCEPTS) {
            Api.Call login = api.anonymous();
            Api.Call anonymousHome = api.anonymous();
            Api.Call missing = api.as("sales1");
            if (accept != null) {
                login.header("Accept", accept);
                anonymousHome.header("Accept", accept);
                missing.header("Accept", accept);
            }
            Api.Response page = login.get("/login").expect(200);
            assertTrue(page.contentType().startsWith("text/html"), accept + ": " + page.contentType());
            assertTrue(page.body().contains("name=\"password\""), page.body());
            assertTrue(anonymousHome.get("/forms/customer").expect(303).header("location").startsWith("/login?next="));
            Api.Response notFound = missing.get("/forms/customer/999999999").expect(404);
            assertTrue(notFound.contentType().startsWith("text/html"), accept + ": " + notFound.contentType());
        }
    }

    /** Every GET route of the app's own controllers outside the API, with its variables filled in. */
    private List<String> pagePaths() {
        Router router = app.context().getBean(Router.class);
        TreeSet<String> paths = new TreeSet<>();
        router.uriRoutes().forEach(route -> {
            String template = route.getUriMatchTemplate().toString().replaceAll("\\{[?&][^}]*}", "");
            boolean ours = route.getTargetMethod().getDeclaringType().getPackageName().startsWith("dev.formation.");
            if (!ours || route.getHttpMethod() != HttpMethod.GET || template.startsWith("/api")
                    || template.startsWith("/static") || template.startsWith("/webjars")
                    || template.equals("/favicon.ico")) {
                return;
            }
            paths.add(fill(template));
        });
        return new ArrayList<>(paths);
    }

    private String fill(String template) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            // the flow page is /flows/{id} and the import page /imports/{id}: not a record's id
            String name = m.group(1);
            if (name.equals("id") && template.startsWith("/flows/")) {
                name = "flow";
            } else if (name.equals("id") && template.startsWith("/imports/")) {
                name = "import";
            }
            String value = samples.get(name);
            assertTrue(value != null, "no sample value for {" + m.group(1) + "} in " + template + ": add one");
            m.appendReplacement(out, value);
        }
        return m.appendTail(out).toString();
    }
}
