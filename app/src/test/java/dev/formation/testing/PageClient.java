package dev.formation.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web pages as browsers use them, one logged-in {@link BrowserSession} per user: GETs and
 * form posts with the login cookie and the page's CSRF token, and the cookies a response sets
 * kept for the next request. A test follows a redirect itself, so it sees the 303 and where it leads.
 */
public final class PageClient {

    private final Api api;
    private final Map<String, BrowserSession> browsers = new ConcurrentHashMap<>();

    public PageClient(Api api) {
        this.api = api;
    }

    private BrowserSession browser(String user) {
        return browsers.computeIfAbsent(user, u -> BrowserSession.loggedIn(api, u));
    }

    public Api.Response get(String user, String path) {
        return browser(user).get(path);
    }

    /** @param cookie one more cookie for this request and after, as "name=value" */
    public Api.Response get(String user, String path, String cookie) {
        int eq = cookie.indexOf('=');
        return browser(user).cookie(cookie.substring(0, eq), cookie.substring(eq + 1)).get(path);
    }

    public Api.Response english(String user, String path) {
        BrowserSession browser = browser(user);
        return browser.remember(browser.call().english().get(path));
    }

    /** A page's form post with the page's token (a list value posts the name once per item). */
    public Api.Response post(String user, String path, Map<String, ?> fields) {
        return browser(user).postForm(path, fields);
    }

    /** The cookie a response sets, as "name=value" for the next request; fails when it sets none. */
    public static String cookie(Api.Response response, String name) {
        List<String> set = response.headers().getOrDefault("set-cookie", List.of());
        for (String header : set) {
            if (header.startsWith(name + "=")) {
                return header.split(";", 2)[0];
            }
        }
        throw new AssertionError(response.request() + " sets no cookie " + name + "; it sets " + set);
    }

    public static String html(Api.Response r) {
        assertTrue(r.contentType().startsWith("text/html"), r.request() + " -> " + r.contentType() + ": " + r.body());
        return r.body();
    }

    /** The value of the hidden input {@code name} after the form posting to {@code action}. */
    public static String hidden(String page, String action, String name) {
        int form = page.indexOf("action=\"" + action + "\"");
        assertTrue(form >= 0, "no form posting to " + action + " in " + page);
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(page);
        assertTrue(m.find(form), "no " + name + " in the form posting to " + action);
        return m.group(1);
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
