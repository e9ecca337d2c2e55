package dev.formation.web.error;

import dev.formation.core.BadRequestException;
import dev.formation.i18n.Texts;
import dev.formation.web.RequestLocale;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.multipart.FileUpload;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

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
            return responses.respondAbout(request, HttpStatus.BAD_REQUEST, e.field(), e.textKey(),
                    arguments(e, RequestLocale.of(request)));
        }

        /** The arguments for the caller's language: a {@link BadRequestException.Text} among them is looked up too. */
        private static Object[] arguments(BadRequestException e, Locale locale) {
            Object[] out = e.args().clone();
            for (int i = 0; i < out.length; i++) {
                if (out[i] instanceof BadRequestException.Text t) {
                    out[i] = Texts.get(locale, t.key(), t.args());
                }
            }
            return out;
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
            if (FileUpload.class.isAssignableFrom(e.getArgument().getType())) {
                // a text field where the route takes a file: name the part as the client sent it
                String part = filePart(request).orElse(e.getArgument().getName());
                return responses.respondAbout(request, HttpStatus.BAD_REQUEST, part, "problem.fileMissing", part);
            }
            String name = e.getArgument().getName();
            String expected = Texts.get(RequestLocale.of(request), "param.expected." + expected(e.getArgument().getType()));
            return responses.respondAbout(request, HttpStatus.BAD_REQUEST, name, "problem.badParam", name, expected);
        }

        /** The name of the route's file part ({@code @Part("file")}), the conversion error's own name being the type's. */
        private static Optional<String> filePart(HttpRequest<?> request) {
            return RouteAttributes.getRouteMatch(request).stream()
                    .flatMap(match -> match.getRequiredArguments().stream())
                    .filter(a -> FileUpload.class.isAssignableFrom(a.getType()))
                    .map(a -> a.getAnnotationMetadata().stringValue(Part.class).orElse(a.getName()))
                    .findFirst();
        }

        /** What a parameter of this type takes, in words a client understands (not the parser's message). */
        private static String expected(Class<?> type) {
            if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                    || type == Short.class || type == short.class) {
                return "integer";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "boolean";
            }
            if (Number.class.isAssignableFrom(type)) {
                return "number";
            }
            return "other";
        }
    }

    /**
     * A required argument the request lacks. Replaces Micronaut's own handler for the same
     * exception: with both present neither is chosen and every empty body answered 500.
     */
    @Produces
    @Singleton
    @Replaces(UnsatisfiedRouteHandler.class)
    static class Unsatisfied implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<?>> {
        private final ErrorResponses responses;

        Unsatisfied(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, UnsatisfiedRouteException e) {
            if (e.getArgument().getAnnotationMetadata().hasAnnotation(Body.class)) {
                return responses.respond(request, HttpStatus.BAD_REQUEST, "problem.emptyBody", null);
            }
            String name = e.getArgument().getName();
            return responses.respondAbout(request, HttpStatus.BAD_REQUEST, name, "problem.missingParam", name);
        }
    }
}
