package dev.formation.testing;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A browser over plain HTTP: a cookie jar, the login form, and form posts that carry the CSRF
 * token the last page rendered, the way a browser sends them. No bearer token anywhere: the
 * login cookie is what authenticates.
 */
public final class BrowserSession {

    public static final String SESSION_COOKIE = "FORMATION_TOKEN";
    private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");
    private static final Pattern FIELD_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

    private final Api api;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String token;

    public BrowserSession(Api api) {
        this.api = api;
    }

    /** A browser that went through the login page as {@code username} (password demo123). */
    public static BrowserSession loggedIn(Api api, String username) {
        BrowserSession browser = new BrowserSession(api);
        browser.get("/login").expect(200);
        Api.Response login = browser.postForm("/login", Map.of("username", username, "password", Api.PASSWORD))
                .expect(303);
        assertNotNull(browser.cookie(SESSION_COOKIE), () -> "no login cookie: " + login.headers());
        browser.get("/").expect(200);
        return browser;
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public BrowserSession cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    /** The CSRF token of the last page (its meta tag), which every form on it also carries. */
    public String token() {
        assertNotNull(token, "no page rendered a CSRF token yet");
        return token;
    }

    /** A request with this browser's cookies and nothing else; the caller adds headers. */
    public Api.Call call() {
        StringJoiner header = new StringJoiner("; ");
        cookies.forEach((name, value) -> header.add(name + "=" + value));
        Api.Call call = api.anonymous();
        return cookies.isEmpty() ? call : call.header("Cookie", header.toString());
    }

    public Api.Response get(String path) {
        return remember(call().get(path));
    }

    /** A page's form post with the page's token in {@code _csrf}. */
    public Api.Response postForm(String path, Map<String, ?> fields) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("_csrf", token());
        all.putAll(fields);
        return postRawForm(call(), path, all);
    }

    /** A form post exactly as given: no token unless {@code fields} has one. */
    public Api.Response postRawForm(Api.Call call, String path, Map<String, ?> fields) {
        return remember(call.send(HttpMethod.POST, path, MediaType.APPLICATION_FORM_URLENCODED_TYPE, encode(fields)));
    }

    /** Keeps the cookies the response set (a cleared one goes) and the page's CSRF token. */
    public Api.Response remember(Api.Response response) {
        for (String setCookie : response.headers().getOrDefault("set-cookie", List.of())) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            boolean cleared = value.isEmpty() || setCookie.toLowerCase().contains("max-age=0");
            if (cleared) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        if (response.contentType().startsWith("text/html")) {
            Matcher meta = META_TOKEN.matcher(response.body());
            Matcher field = FIELD_TOKEN.matcher(response.body());
            if (meta.find() && !meta.group(1).isEmpty()) {
                token = meta.group(1);
                if (field.find()) {
                    assertEquals(token, field.group(1), "the forms carry the page's token");
                }
            }
        }
        return response;
    }

    public static String encode(Map<String, ?> fields) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((key, value) -> {
            for (Object v : value instanceof List<?> list ? list : List.of(value)) {
                body.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
            }
        });
        return body.toString();
    }
}
