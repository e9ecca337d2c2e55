package dev.formation.web.page;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /favicon.ico}: browsers ask the site root for it whatever a page links, so it is
 * served here rather than only under {@code /static} (where the shell also links the SVG).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class FaviconRoute {

    static final String ICON_TYPE = "image/x-icon";
    private static final String RESOURCE = "static/favicon.ico";

    private final byte[] icon;

    public FaviconRoute() {
        try (InputStream in = FaviconRoute.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            icon = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/favicon.ico")
    @Produces(ICON_TYPE)
    public HttpResponse<byte[]> icon() {
        return HttpResponse.ok(icon).contentType(ICON_TYPE).header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400");
    }
}
