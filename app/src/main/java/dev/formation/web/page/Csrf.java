package dev.formation.web.page;

import io.micronaut.http.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Double-submit CSRF protection: a random token in a SameSite=Strict cookie must come back in
 * the form ({@code _csrf}) or, for scripts calling the API on the page's cookie, in the
 * {@code X-CSRF-Token} header. Another site can make the browser send the cookie but cannot
 * read it to put it in the body.
 */
public final class Csrf {

    public static final String COOKIE = "FORMATION_CSRF";
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    static final String NEW_TOKEN = "formation.csrf.new";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** The browser's token, or a new one the response will set as a cookie. */
    public static String token(HttpRequest<?> request) {
        Optional<String> existing = request.getCookies().findCookie(COOKIE).map(c -> c.getValue())
                .filter(v -> v.matches("^[a-f0-9]{32}$"));
        if (existing.isPresent()) {
            return existing.get();
        }
        Optional<String> made = request.getAttribute(NEW_TOKEN, String.class);
        if (made.isPresent()) {
            return made.get();
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        request.setAttribute(NEW_TOKEN, token);
        return token;
    }

    public static boolean verify(HttpRequest<?> request, String submitted) {
        Optional<String> cookie = request.getCookies().findCookie(COOKIE).map(c -> c.getValue());
        return cookie.isPresent() && submitted != null && MessageDigest.isEqual(
                cookie.get().getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII));
    }
}
