package dev.formation.web.error;

import dev.formation.i18n.Texts;
import dev.formation.record.FieldError;
import dev.formation.web.RequestLocale;
import dev.formation.web.page.PageRenderer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** Answers a failure the way the caller reads it: problem+json under /api, a page elsewhere. */
@Singleton
public class ErrorResponses {

    private final PageRenderer pages;

    public ErrorResponses(PageRenderer pages) {
        this.pages = pages;
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
        String html = pages.html("error", Map.of("status", status.getCode(), "title", title,
                "errors", errors == null ? List.of() : errors), request);
        return HttpResponse.status(status).contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8").body(html);
    }
}
