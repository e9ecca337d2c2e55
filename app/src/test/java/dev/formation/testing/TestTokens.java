package dev.formation.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens as an attacker holding the signing secret, or time itself, would make them: the test
 * app signs with {@link FormationApp#JWT_SECRET}, so a test can read a real token's claims and
 * sign changed ones (an expired token, another user's name) without waiting or patching the app.
 */
public final class TestTokens {

    private TestTokens() {
    }

    /** The claims of a token, as the JSON of its payload. */
    public static Map<String, Object> claims(String token) {
        String[] parts = token.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        try {
            return Api.JSON.readValue(payload, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token with these claims, signed like the app's (HS256 with the test secret). */
    public static String sign(Map<String, Object> claims) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
        claims.forEach((name, value) -> {
            boolean time = name.equals("exp") || name.equals("iat") || name.equals("nbf");
            set.claim(name, time && value instanceof Number n ? new Date(n.longValue() * 1000) : value);
        });
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set.build());
        try {
            jwt.sign(new MACSigner(FormationApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The token's claims with some replaced (a null value removes the claim), signed again. */
    public static String resign(String token, Map<String, Object> changes) {
        Map<String, Object> claims = new LinkedHashMap<>(claims(token));
        changes.forEach((name, value) -> {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
        });
        return sign(claims);
    }
}
