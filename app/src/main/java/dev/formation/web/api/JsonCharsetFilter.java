package dev.formation.web.api;

import dev.formation.web.error.ErrorResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;

/**
 * JSON is UTF-8 (RFC 8259 §8.1: JSON exchanged between systems MUST be UTF-8). A JSON body
 * that declares another charset ({@code application/json; charset=ISO-8859-1}) is refused
 * with 415 on every endpoint, rather than decoded as that charset by one layer and as UTF-8
 * by another; no declared charset, or UTF-8, is read as strict UTF-8 ({@link JsonBodies}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class JsonCharsetFilter {

    private final ErrorResponses responses;

    public JsonCharsetFilter(ErrorResponses responses) {
        this.responses = responses;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseOtherCharsets(HttpRequest<?> request) {
        Optional<MediaType> type = request.getContentType();
        if (type.isEmpty() || !isJson(type.get())) {
            return null;
        }
        String charset = type.get().getParameters().get("charset").orElse(null);
        if (charset == null || isUtf8(charset)) {
            return null;
        }
        return responses.respond(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "problem.charset", null, charset);
    }

    static boolean isJson(MediaType type) {
        String subtype = type.getSubtype().toLowerCase(java.util.Locale.ROOT);
        return "application".equalsIgnoreCase(type.getType()) && (subtype.equals("json") || subtype.endsWith("+json"));
    }

    private static boolean isUtf8(String name) {
        try {
            return Charset.forName(name.trim().replace("\"", "")).equals(StandardCharsets.UTF_8);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return false;
        }
    }
}
