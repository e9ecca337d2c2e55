package dev.formation.web.protection;

import io.micronaut.http.HttpRequest;

/**
 * The pages' Content-Security-Policy: scripts, styles, fonts and connections only from this
 * site (the templates have no inline script, style or event handler; {@code app.js} does the
 * rest), images also as {@code data:} (the dashboard's chart images), no plugins, no framing,
 * forms posting only here. No page allows inline styles or scripts.
 */
public final class ContentSecurityPolicy {

    static final String HEADER = "Content-Security-Policy";

    private ContentSecurityPolicy() {
    }

    static String of(HttpRequest<?> request) {
        return "default-src 'self'; script-src 'self'; style-src 'self'"
                + "; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'"
                + "; form-action 'self'; frame-ancestors 'none'";
    }
}
