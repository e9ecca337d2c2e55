package dev.formation.web.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * No login: the API answers 401 problem+json, a page redirects to the login page and comes
 * back afterwards. Not allowed: 403 either way.
 */
@Produces
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private final ErrorResponses responses;

    public AuthorizationHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
        if (e.isForbidden()) {
            return (MutableHttpResponse<?>) responses.respond(request, HttpStatus.FORBIDDEN, "problem.forbidden", null);
        }
        if (ErrorResponses.isApi(request)) {
            return ((MutableHttpResponse<?>) responses.respond(request, HttpStatus.UNAUTHORIZED,
                    "problem.unauthorized", null)).header("WWW-Authenticate", "Bearer");
        }
        String next = request.getUri().toString();
        return HttpResponse.seeOther(URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }
}
