package dev.formation.web.error;

import dev.formation.core.FieldError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;

import java.util.List;

/**
 * The page a browser is shown for a failure. The pages implement it (with their shell), so the
 * error handlers, which the API uses too, depend on no page.
 */
public interface ErrorPage {

    /** The error page's HTML; may throw, and the caller then answers with a plain page. */
    String html(HttpRequest<?> request, HttpStatus status, String title, List<FieldError> errors);
}
