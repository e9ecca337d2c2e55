package dev.formation.web.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Anything unexpected: the log gets the stack trace under a reference, the user gets the
 * reference and a sentence, never the exception's text.
 */
@Produces
@Singleton
public class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    private final ErrorResponses responses;

    public UnexpectedErrorHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Unexpected error {} on {} {}", reference, request.getMethod(), request.getPath(), e);
        return responses.respond(request, HttpStatus.INTERNAL_SERVER_ERROR, "problem.server", null, reference);
    }
}
