package dev.formation.web.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formation.i18n.Texts;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A message for the next page after a redirect ("已删除…", "已转交…"), carried in a short-lived
 * cookie: a text key under {@code page.flash.} and its arguments, signed so that only this
 * application can have set it. A link cannot carry one, so no page ever shows text a link put
 * there; the page shows it once (escaped like any text) and clears it. The key is derived from
 * the token secret, which every node shares, so the page after the redirect may come from any node.
 */
@Singleton
public class Flash {

    static final String COOKIE = "FORMATION_FLASH";
    private static final String PREFIX = "page.flash.";
    private static final Duration LIFETIME = Duration.ofMinutes(1);
    private static final int MAX_ARG = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    public Flash(@Value("${micronaut.security.token.jwt.signatures.secret.generator.secret:}") String secret) {
        byte[] material;
        if (secret == null || secret.isBlank()) {
            material = new byte[32];
            new SecureRandom().nextBytes(material);
        } else {
            // a key of its own, so a flash signature is never also a token signature
            material = hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                    "formation.flash".getBytes(StandardCharsets.UTF_8));
        }
        this.key = new SecretKeySpec(material, "HmacSHA256");
    }

    /** The redirect with the message set for the page it leads to. */
    public MutableHttpResponse<?> redirect(String location, String name, String... args) {
        return Pages.seeOther(location).cookie(cookie(name, args));
    }

    /** @param name the text's name under {@code page.flash.} */
    Cookie cookie(String name, String... args) {
        List<String> parts = new ArrayList<>();
        parts.add(PREFIX + name);
        for (String arg : args) {
            String text = arg == null ? "" : arg;
            parts.add(text.length() > MAX_ARG ? text.substring(0, MAX_ARG - 1) + "…" : text);
        }
        String payload;
        try {
            payload = B64.encodeToString(JSON.writeValueAsBytes(parts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return base(payload + "." + sign(payload)).maxAge(LIFETIME);
    }

    /** The message the request carries, in the user's language; empty when none or not ours. */
    Optional<String> message(HttpRequest<?> request, Locale locale) {
        return request.getCookies().findCookie(COOKIE).flatMap(c -> message(c.getValue(), locale));
    }

    /** The message a cookie's value carries, when this application signed it. */
    Optional<String> message(String cookieValue, Locale locale) {
        return verified(cookieValue).map(parts -> Texts.get(locale, parts.get(0),
                parts.subList(1, parts.size()).toArray())).filter(text -> !text.startsWith(PREFIX));
    }

    boolean present(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).isPresent();
    }

    /** Clears the cookie once a page has shown (or refused) the message. */
    static Cookie cleared() {
        return base("").maxAge(0);
    }

    private Optional<List<String>> verified(String value) {
        int dot = value.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = value.substring(0, dot);
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            List<String> parts = JSON.readValue(Base64.getUrlDecoder().decode(payload), new TypeReference<>() {
            });
            return parts.isEmpty() || !parts.get(0).startsWith(PREFIX) ? Optional.empty() : Optional.of(parts);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String payload) {
        return B64.encodeToString(hmac(key, payload.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static Cookie base(String value) {
        return Cookie.of(COOKIE, value).path("/").httpOnly(true).sameSite(SameSite.Strict);
    }
}
