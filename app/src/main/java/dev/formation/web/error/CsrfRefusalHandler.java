package dev.formation.web.error;

import dev.formation.web.protection.CsrfRefusedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A post without the page's CSRF token: 403, "this page has expired, reload it", as a page or problem+json. */
@Produces
@Singleton
public class CsrfRefusalHandler implements ExceptionHandler<CsrfRefusedException, HttpResponse<?>> {

    private final ErrorResponses responses;

    public CsrfRefusalHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CsrfRefusedException e) {
        return responses.respond(request, HttpStatus.FORBIDDEN, "problem.csrf", null);
    }
}
