package dev.formation.testing;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web pages as a browser uses them: GETs with the CSRF cookie, form posts with the cookie
 * and its token, and cookies a response sets carried to the next request by hand (a test
 * follows a redirect itself, so it sees the 303 and where it leads).
 */
public final class PageClient {

    /** The double-submit token a page would have set as a cookie; any 32 hex characters do. */
    public static final String CSRF = "0123456789abcdef0123456789abcdef";

    private final Api api;

    public PageClient(Api api) {
        this.api = api;
    }

    public Api.Response get(String user, String path) {
        return get(user, path, "");
    }

    /** @param cookies more cookies, as a {@code Cookie} header value ("a=1; b=2"), or "" */
    public Api.Response get(String user, String path, String cookies) {
        return call(user, cookies).get(path);
    }

    public Api.Response english(String user, String path) {
        return call(user, "").english().get(path);
    }

    /** A page's form post: the CSRF cookie and field, then the fields (a list value posts the name once per item). */
    public Api.Response post(String user, String path, Map<String, ?> fields) {
        StringJoiner body = new StringJoiner("&");
        body.add("_csrf=" + CSRF);
        fields.forEach((key, value) -> {
            for (Object v : value instanceof List<?> l ? l : List.of(value)) {
                body.add(encode(key) + "=" + encode(String.valueOf(v)));
            }
        });
        return call(user, "").send(HttpMethod.POST, path, MediaType.APPLICATION_FORM_URLENCODED_TYPE, body.toString());
    }

    private Api.Call call(String user, String cookies) {
        return api.as(user).header("Cookie", "FORMATION_CSRF=" + CSRF + (cookies.isEmpty() ? "" : "; " + cookies));
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
