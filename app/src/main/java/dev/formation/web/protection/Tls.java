package dev.formation.web.protection;

import io.micronaut.http.HttpRequest;

import java.util.Locale;

/**
 * Whether the browser reached us over TLS: directly, or through a proxy that ends TLS and says
 * so in {@code X-Forwarded-Proto} or {@code Forwarded: proto=https}. Trusting the header costs
 * nothing here: all it does is mark cookies {@code Secure}, which only the sender's own browser
 * could mind.
 */
public final class Tls {

    private Tls() {
    }

    public static boolean isSecure(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        String forwardedProto = request.getHeaders().get("X-Forwarded-Proto");
        if (forwardedProto != null && firstOf(forwardedProto).equalsIgnoreCase("https")) {
            return true;
        }
        String forwarded = request.getHeaders().get("Forwarded");
        if (forwarded != null) {
            for (String pair : firstOf(forwarded).split(";")) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().toLowerCase(Locale.ROOT).equals("proto")
                        && kv[1].trim().replace("\"", "").equalsIgnoreCase("https")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The hop nearest the client: proxies append theirs after a comma. */
    private static String firstOf(String header) {
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}
