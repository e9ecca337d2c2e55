package dev.formation.web;

import io.micronaut.http.HttpRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request's query string as the reports read it: the first value of each parameter. */
public final class FirstValues {

    private FirstValues() {
    }

    public static Map<String, String> of(HttpRequest<?> request) {
        Map<String, String> out = new LinkedHashMap<>();
        request.getParameters().asMap().forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.get(0));
            }
        });
        return out;
    }
}
