package dev.formation.web.error;

import dev.formation.i18n.Texts;
import dev.formation.core.FieldError;
import dev.formation.web.RequestLocale;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

import java.util.List;

/** Answers a failure the way the caller reads it: problem+json under /api, a page elsewhere. */
@Singleton
public class ErrorResponses {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ErrorResponses.class);

    private final ErrorPage page;

    public ErrorResponses(ErrorPage page) {
        this.page = page;
    }

    public static boolean isApi(HttpRequest<?> request) {
        return request.getPath().startsWith("/api/") || request.getPath().equals("/api");
    }

    public HttpResponse<?> respond(HttpRequest<?> request, HttpStatus status, String textKey, List<FieldError> errors,
                                   Object... args) {
        var locale = RequestLocale.of(request);
        String title = Texts.get(locale, textKey, args);
        if (isApi(request)) {
            return Problem.of(status, title, null, errors);
        }
        String html;
        try {
            html = page.html(request, status, title, errors);
        } catch (RuntimeException e) {
            // the error page must never fail into a framework page that shows internals
            LOG.error("The error page itself failed; answering with a plain page", e);
            html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + status.getCode()
                    + "</title></head><body><h1>" + status.getCode() + "</h1><p>" + escape(title) + "</p></body></html>";
        }
        return HttpResponse.status(status).contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8").body(html);
    }

    /** A refusal about one input (a parameter or body key): the title, and the same text as that field's error. */
    public HttpResponse<?> respondAbout(HttpRequest<?> request, HttpStatus status, String field, String textKey,
                                        Object... args) {
        if (field == null) {
            return respond(request, status, textKey, null, args);
        }
        String title = Texts.get(RequestLocale.of(request), textKey, args);
        return respond(request, status, textKey, List.of(new FieldError(field, title)), args);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
