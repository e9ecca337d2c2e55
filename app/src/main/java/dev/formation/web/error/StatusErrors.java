package dev.formation.web.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** Statuses the router produces by itself (no such route, wrong method or media type), in our format. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class StatusErrors {

    private final ErrorResponses responses;

    public StatusErrors(ErrorResponses responses) {
        this.responses = responses;
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    public HttpResponse<?> notFound(HttpRequest<?> request) {
        return responses.respond(request, HttpStatus.NOT_FOUND, "problem.noRoute", null);
    }

    @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
    public HttpResponse<?> methodNotAllowed(HttpRequest<?> request) {
        return responses.respond(request, HttpStatus.METHOD_NOT_ALLOWED, "problem.method", null, request.getMethodName());
    }

    @Error(status = HttpStatus.UNSUPPORTED_MEDIA_TYPE, global = true)
    public HttpResponse<?> unsupportedMediaType(HttpRequest<?> request) {
        return responses.respond(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "problem.mediaType", null);
    }
}
