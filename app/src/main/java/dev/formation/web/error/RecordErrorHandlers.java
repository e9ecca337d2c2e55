package dev.formation.web.error;

import dev.formation.core.ConflictException;
import dev.formation.metadata.MetadataHolder;
import dev.formation.form.FormCatalog;
import dev.formation.core.ForbiddenException;
import dev.formation.record.InUseException;
import dev.formation.core.NotFoundException;
import dev.formation.core.StateConflictException;
import dev.formation.core.ValidationException;
import dev.formation.web.RequestLocale;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/** The record service's refusals: 400 with field errors, 404, 409. */
final class RecordErrorHandlers {

    private RecordErrorHandlers() {
    }

    @Produces
    @Singleton
    @Requires(classes = {ValidationException.class, ExceptionHandler.class})
    static class Validation implements ExceptionHandler<ValidationException, HttpResponse<?>> {
        private final ErrorResponses responses;

        Validation(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ValidationException e) {
            return responses.respond(request, HttpStatus.BAD_REQUEST, "problem.validation", e.errors());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {NotFoundException.class, ExceptionHandler.class})
    static class NotFound implements ExceptionHandler<NotFoundException, HttpResponse<?>> {
        private final ErrorResponses responses;

        NotFound(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, NotFoundException e) {
            if (e.missingForm() != null) {
                return responses.respond(request, HttpStatus.NOT_FOUND, "problem.formNotFound", null, e.missingForm());
            }
            return responses.respond(request, HttpStatus.NOT_FOUND, "problem.notFound", null);
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {ConflictException.class, ExceptionHandler.class})
    static class Conflict implements ExceptionHandler<ConflictException, HttpResponse<?>> {
        private final ErrorResponses responses;

        Conflict(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConflictException e) {
            return responses.respond(request, HttpStatus.CONFLICT, "problem.conflict", null, e.currentVersion());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {ForbiddenException.class, ExceptionHandler.class})
    static class Forbidden implements ExceptionHandler<ForbiddenException, HttpResponse<?>> {
        private final ErrorResponses responses;

        Forbidden(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ForbiddenException e) {
            return responses.respond(request, HttpStatus.FORBIDDEN, "problem.forbidden", e.errors());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {StateConflictException.class, ExceptionHandler.class})
    static class StateConflict implements ExceptionHandler<StateConflictException, HttpResponse<?>> {
        private final ErrorResponses responses;

        StateConflict(ErrorResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, StateConflictException e) {
            return responses.respond(request, HttpStatus.CONFLICT, e.textKey(), null, e.args());
        }
    }

    /** A record still referred to: 409 naming the referring forms; the problem lists them as {@code references}. */
    @Produces
    @Singleton
    @Requires(classes = {InUseException.class, ExceptionHandler.class})
    static class InUse implements ExceptionHandler<InUseException, HttpResponse<?>> {
        private final ErrorResponses responses;
        private final MetadataHolder metadata;

        InUse(ErrorResponses responses, MetadataHolder metadata) {
            this.responses = responses;
            this.metadata = metadata;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, InUseException e) {
            var locale = RequestLocale.of(request);
            FormCatalog forms = metadata.current().get(FormCatalog.class);
            if (!ErrorResponses.isApi(request)) {
                return responses.respond(request, HttpStatus.CONFLICT, "problem.inUse", null, e.referring(forms, locale));
            }
            var references = e.referrers().stream().map(r -> Map.<String, Object>of("form", r.form(),
                    "label", InUseException.label(forms, r, locale), "count", r.count())).toList();
            return Problem.of(HttpStatus.CONFLICT, e.message(forms, locale), null, null, Map.of("references", references));
        }
    }
}
