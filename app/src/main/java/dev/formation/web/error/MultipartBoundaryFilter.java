package dev.formation.web.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses a {@code multipart/form-data} request whose boundary is missing or not one RFC 2046
 * allows, before anything reads its body: Netty's decoder fails on some of them with an internal
 * error (an empty {@code boundary=} throws out of bounds), which would answer 500. Any endpoint
 * taking uploads gets a clear 400 instead.
 */
@ServerFilter("/**")
public class MultipartBoundaryFilter {

    /** 1 to 70 of RFC 2046's bchars, not ending in a space; optionally quoted. */
    private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");

    private final ErrorResponses responses;

    public MultipartBoundaryFilter(ErrorResponses responses) {
        this.responses = responses;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        Optional<MediaType> type = request.getContentType();
        if (type.isEmpty() || !MediaType.MULTIPART_FORM_DATA_TYPE.getName().equals(type.get().getName())) {
            return null;
        }
        String boundary = type.get().getParameters().get("boundary").orElse(null);
        if (boundary != null && boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        if (boundary != null && BOUNDARY.matcher(boundary).matches()) {
            return null;
        }
        return responses.respond(request, HttpStatus.BAD_REQUEST, "problem.badMultipart", null);
    }

    public int getOrder() {
        // after the login check, as every other refusal: anonymous callers get 401 first
        return ServerFilterPhase.SECURITY.after();
    }
}
