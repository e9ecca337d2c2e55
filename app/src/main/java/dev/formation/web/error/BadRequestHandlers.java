package dev.formation.web.error;

import dev.formation.web.api.BadRequestException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedArgumentHandler;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;

/** Requests we cannot read: bad JSON, bad parameters, bodies over the limit. All 400, none 500. */
final class BadRequestHandlers {

    private BadRequestHandlers() {
    }

    @Produces
    @Singleton
    @Requires(classes = {BadRequestException.class, ExceptionHandler.class})
    static class BadRequest implements ExceptionHandler<BadRequestException, HttpResponse<?>> {
        private final ErrorResponses responses;

        BadRequest(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, BadRequestException e) {
            return responses.respond(request, HttpStatus.BAD_REQUEST, e.textKey(), null, e.args());
        }
    }

    @Produces
    @Singleton
    @Replaces(ContentLengthExceededHandler.class)
    static class TooLarge implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {
        private final ErrorResponses responses;

        TooLarge(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException e) {
            return responses.respond(request, HttpStatus.BAD_REQUEST, "problem.tooLarge", null, "25MB");
        }
    }

    @Produces
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    static class Conversion implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
        private final ErrorResponses responses;

        Conversion(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConversionErrorException e) {
            return responses.respond(request, HttpStatus.BAD_REQUEST, "problem.badParam", null,
                    e.getArgument().getName(), e.getConversionError().getCause().getMessage());
        }
    }

    @Produces
    @Singleton
    @Replaces(UnsatisfiedArgumentHandler.class)
    static class Unsatisfied implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<?>> {
        private final ErrorResponses responses;

        Unsatisfied(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, UnsatisfiedRouteException e) {
            return responses.respond(request, HttpStatus.BAD_REQUEST, "problem.badParam", null,
                    e.getArgument().getName(), "missing");
        }
    }
}
