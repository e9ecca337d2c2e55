package dev.formation.web.api;

import dev.formation.core.BadRequestException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formation.record.WholeNumbers;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON request bodies ourselves rather than through binding, so that every way a body
 * can be wrong (empty, not UTF-8, not JSON, not an object, duplicate keys) gets our own clear
 * 400. Controllers take the body as bytes: the text is decoded here as strict UTF-8 (RFC 8259;
 * a body declaring another charset is refused with 415 before it gets here, see
 * {@link JsonCharsetFilter}), so a wrong byte is an error instead of a silent U+FFFD.
 * Numbers stay exact: decimals are BigDecimal (money must not pass through a double) and
 * integers beyond 64 bits are BigInteger, which the layers that store them check against
 * their column's range instead of letting them wrap.
 */
final class JsonBodies {

    private static final int MAX_MAGNITUDE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonBodies() {
    }

    /** A body the endpoint needs: absent or empty is a 400. */
    static Map<String, Object> object(byte[] body) {
        String text = text(body);
        if (text.isBlank()) {
            throw new BadRequestException("problem.emptyBody");
        }
        return parse(text);
    }

    /** A body the endpoint may go without: absent or empty reads as {@code {}}. */
    static Map<String, Object> optionalObject(byte[] body) {
        String text = text(body);
        return text.isBlank() ? Map.of() : parse(text);
    }

    private static String text(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            // RFC 8259 §8.1: a parser may ignore a byte order mark
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new BadRequestException("problem.notUtf8");
        }
    }

    private static Map<String, Object> parse(String text) {
        Object parsed;
        try {
            parsed = JSON.readValue(text, new TypeReference<Object>() { });
        } catch (JsonProcessingException e) {
            throw new BadRequestException("problem.badJson", e.getOriginalMessage());
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new BadRequestException("problem.badJsonType");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        checkMagnitudes(map, "");
        return map;
    }

    /**
     * Beyond 10^±1000 no column holds a number (DECIMAL has 65 digits, BIGINT 19), and such a
     * literal is cheap to send but not to compute with: {@code 1e999999999} divided in a
     * computed field needs a billion digits. It is refused here, naming its place.
     */
    private static void checkMagnitudes(Object value, String path) {
        if (value instanceof BigDecimal d && d.signum() != 0) {
            int magnitude = d.precision() - d.scale();
            if (magnitude > MAX_MAGNITUDE || magnitude < -MAX_MAGNITUDE) {
                throw new BadRequestException("problem.numberRange", path.isEmpty() ? "$" : path);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> checkMagnitudes(v, path.isEmpty() ? String.valueOf(k) : path + "." + k));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkMagnitudes(list.get(i), path + "[" + i + "]");
            }
        }
    }

    /** A whole number the client sent under {@code key}; absent is null, anything else a 400 naming the key. */
    static Long optionalLong(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (value == null) {
            return null;
        }
        return WholeNumbers.exactLong(value).orElseThrow(() -> new BadRequestException("problem.badParam", key,
                WholeNumbers.RANGE));
    }

    /** Text the client sent under {@code key}: absent is null, a number or other non-text a 400 naming the key. */
    static String optionalText(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new BadRequestException("problem.notText", key);
    }
}
