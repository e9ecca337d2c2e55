package dev.formation.web.page;

import dev.formation.web.RequestLocale;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How page controllers answer: a rendered page with a status, or a 303 to the next page. */
@Singleton
public class Pages {

    static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    private final PageRenderer renderer;
    private final Flash flash;

    public Pages(PageRenderer renderer, Flash flash) {
        this.renderer = renderer;
        this.flash = flash;
    }

    /** A page; a message left by the post that led here ({@link Flash}) shows on it, once. */
    public MutableHttpResponse<String> render(HttpRequest<?> request, HttpStatus status, String view,
                                              Map<String, Object> model) {
        Map<String, Object> full = new HashMap<>(model);
        // the language switch comes back to the same list page, filters and all
        full.putIfAbsent("here", request.getUri().toString());
        boolean flashed = flash.present(request);
        if (flashed) {
            flash.message(request, RequestLocale.of(request)).ifPresent(m -> full.put("flash", m));
        }
        MutableHttpResponse<String> response = HttpResponse.<String>status(status).contentType(HTML)
                .body(renderer.html(view, full, request)).header("Cache-Control", "no-store");
        return flashed ? response.cookie(Flash.cleared()) : response;
    }

    public MutableHttpResponse<String> ok(HttpRequest<?> request, String view, Map<String, Object> model) {
        return render(request, HttpStatus.OK, view, model);
    }

    /** The error page, with an optional way back (e.g. reload a record someone else changed). */
    public MutableHttpResponse<String> error(HttpRequest<?> request, HttpStatus status, String title, String back) {
        Map<String, Object> model = new HashMap<>();
        model.put("status", status.getCode());
        model.put("title", title);
        model.put("errors", List.of());
        if (back != null) {
            model.put("back", back);
        }
        return render(request, status, "error", model);
    }

    public static MutableHttpResponse<?> seeOther(String location) {
        return HttpResponse.seeOther(URI.create(location));
    }

    /** Only paths on this site, so a crafted link cannot bounce a user elsewhere after login. */
    public static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }
}
