package dev.formation.web.protection;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * CSRF tokens bound to the login. The token of a logged-in browser is an HMAC, under a key
 * derived from the server's token secret, of its login cookie: another site can make the browser
 * send that cookie but can neither read it nor compute the HMAC, and a cookie it manages to
 * plant (from a sibling subdomain, over plain HTTP) matches no token it can make. Before login
 * the token is the HMAC of a random per-browser cookie ({@link #COOKIE}), so the login form is
 * protected the same way. Pages carry the token in the {@code _csrf} field and in
 * {@code <meta name="csrf-token">} for scripts, which send it as {@code X-CSRF-Token}.
 */
@Singleton
public class Csrf {

    public static final String COOKIE = "FORMATION_CSRF";
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    static final String NEW_BROWSER_ID = "formation.csrf.new-browser-id";

    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    public Csrf(@Value("${micronaut.security.token.jwt.signatures.secret.generator.secret}") String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("the token secret (FORMATION_JWT_SECRET) is not set");
        }
        // a key of its own, so a CSRF token is never a signature the login tokens could also use
        key = new SecretKeySpec(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM),
                "formation csrf key"), ALGORITHM);
    }

    /** The token a page rendered for this request carries; before login it may make the browser id cookie. */
    public String token(HttpRequest<?> request) {
        Optional<String> session = SessionCookie.of(request);
        if (session.isPresent()) {
            return sign("session", session.get());
        }
        Optional<String> browser = browserId(request).or(() -> request.getAttribute(NEW_BROWSER_ID, String.class));
        String id = browser.orElseGet(() -> {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            String made = HEX.formatHex(bytes);
            request.setAttribute(NEW_BROWSER_ID, made);
            return made;
        });
        return sign("browser", id);
    }

    /** Whether {@code submitted} is the token of this request's login (or, before login, of its browser id). */
    public boolean verify(HttpRequest<?> request, String submitted) {
        if (submitted == null || submitted.isEmpty()) {
            return false;
        }
        Optional<String> session = SessionCookie.of(request);
        Optional<String> expected = session.isPresent() ? Optional.of(sign("session", session.get()))
                : browserId(request).map(id -> sign("browser", id));
        return expected.isPresent() && MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.US_ASCII),
                submitted.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> browserId(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(v -> v.matches("^[a-f0-9]{32}$"));
    }

    private String sign(String kind, String value) {
        return HEX.formatHex(hmac(key, kind + "\n" + value));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
