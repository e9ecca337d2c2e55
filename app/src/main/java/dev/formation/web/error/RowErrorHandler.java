package dev.formation.web.error;

import dev.formation.core.FieldError;
import dev.formation.core.RowsRefusedException;
import dev.formation.i18n.Texts;
import dev.formation.web.RequestLocale;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sheet refused for its rows: 400 problem+json whose {@code errors} name the row as well as
 * the field ({@code [{row, field, message}]}); a page shows each as "row N, field: message".
 */
@Produces
@Singleton
@Requires(classes = {RowsRefusedException.class, ExceptionHandler.class})
class RowErrorHandler implements ExceptionHandler<RowsRefusedException, HttpResponse<?>> {

    private final ErrorResponses responses;

    RowErrorHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RowsRefusedException e) {
        var locale = RequestLocale.of(request);
        if (ErrorResponses.isApi(request)) {
            List<Map<String, Object>> errors = e.errors().stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("row", r.row());
                m.put("field", r.field());
                m.put("message", r.message());
                return m;
            }).toList();
            return Problem.of(HttpStatus.BAD_REQUEST, Texts.get(locale, "problem.validation"), null, null,
                    Map.of("errors", errors));
        }
        return responses.respond(request, HttpStatus.BAD_REQUEST, "problem.validation", e.errors().stream()
                .map(r -> new FieldError(Texts.get(locale, "import.row", r.row()) + (r.field() == null ? "" : " " + r.field()),
                        r.message())).toList());
    }
}
