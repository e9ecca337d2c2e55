package dev.formation.web.error;

import dev.formation.core.FieldError;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem document, with the field errors Formation adds. */
public final class Problem {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    private Problem() {
    }

    public static MutableHttpResponse<Map<String, Object>> of(HttpStatus status, String title, String detail,
                                                              List<FieldError> errors) {
        return of(status, title, detail, errors, Map.of());
    }

    /** @param extensions further members of the problem (RFC 9457 §3.2), e.g. what refers to a record */
    public static MutableHttpResponse<Map<String, Object>> of(HttpStatus status, String title, String detail,
                                                              List<FieldError> errors, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.getCode());
        if (detail != null) {
            body.put("detail", detail);
        }
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        body.putAll(extensions);
        return HttpResponse.<Map<String, Object>>status(status).contentType(PROBLEM_JSON).body(body);
    }

    public static MutableHttpResponse<Map<String, Object>> of(HttpStatus status, String title) {
        return of(status, title, null, null);
    }
}
