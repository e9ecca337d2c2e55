package dev.formation.web.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * Reads JSON request bodies ourselves rather than through binding, so that every way a body
 * can be wrong (not JSON, not an object, duplicate keys) gets our own clear 400. Decimals stay
 * exact (BigDecimal): money must not pass through a double.
 */
final class JsonBodies {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonBodies() {
    }

    static Map<String, Object> object(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("problem.badJsonType");
        }
        Object parsed;
        try {
            parsed = JSON.readValue(body, new TypeReference<Object>() { });
        } catch (JsonProcessingException e) {
            throw new BadRequestException("problem.badJson", e.getOriginalMessage());
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new BadRequestException("problem.badJsonType");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        return map;
    }
}
