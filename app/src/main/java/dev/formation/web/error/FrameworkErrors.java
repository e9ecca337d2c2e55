package dev.formation.web.error;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The answer Micronaut's own exception handlers give (bad JSON it parsed itself, a constraint
 * it checked, an unreadable URI, a cookie too large...), in our format: problem+json on the
 * API, the error page elsewhere, a title in the user's language chosen by the status, and
 * never the framework's message, which names Java types and arguments. Handlers of our own
 * give more precise texts; this is the floor for any they do not cover. A client's mistake
 * is logged at debug only.
 */
@Singleton
@Primary
@Replaces(ErrorResponseProcessor.class)
public class FrameworkErrors implements ErrorResponseProcessor<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkErrors.class);

    /** Statuses with a text of their own ({@code problem.status.<code>}); others use the generic one. */
    private static final Set<Integer> TITLED = Set.of(400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 500, 503);

    private final ErrorResponses responses;

    public FrameworkErrors(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} on {} {}: {}", status.getCode(), context.getRequest().getMethod(),
                    context.getRequest().getPath(), context.getErrors().stream().map(e -> e.getMessage()).toList());
        }
        String key = TITLED.contains(status.getCode()) ? "problem.status." + status.getCode() : "problem.status";
        HttpResponse<?> ours = responses.respond(context.getRequest(), status, key, null, status.getCode());
        MutableHttpResponse<Object> out = (MutableHttpResponse<Object>) response;
        ours.getContentType().ifPresent(out::contentType);
        return out.body(ours.body());
    }
}
