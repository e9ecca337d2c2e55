package dev.formation.web.protection;

import io.micronaut.http.HttpRequest;

/**
 * The pages' Content-Security-Policy: scripts, styles, fonts and connections only from this
 * site (the templates have no inline script, style or event handler; {@code app.js} does the
 * rest), images also as {@code data:} (JasperReports' charts), no plugins, no framing, forms
 * posting only here. A page that embeds JasperReports' HTML, whose layout is all {@code style}
 * attributes, allows inline styles for itself; never inline scripts.
 */
public final class ContentSecurityPolicy {

    static final String HEADER = "Content-Security-Policy";
    private static final String INLINE_STYLES = "formation.csp.inline-styles";

    private ContentSecurityPolicy() {
    }

    /** Lets the response to this request use {@code style} attributes (a JasperReports fragment in it). */
    public static void allowInlineStyles(HttpRequest<?> request) {
        request.setAttribute(INLINE_STYLES, Boolean.TRUE);
    }

    static String of(HttpRequest<?> request) {
        boolean inlineStyles = request.getAttribute(INLINE_STYLES, Boolean.class).orElse(false);
        return "default-src 'self'; script-src 'self'; style-src 'self'" + (inlineStyles ? " 'unsafe-inline'" : "")
                + "; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'"
                + "; form-action 'self'; frame-ancestors 'none'";
    }
}
