package dev.formation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object kept in a text column (payloads, details). Its own mapper, not the HTTP one, so
 * stored text does not change with the API's serialisation settings; a missing value reads as
 * an empty, ordered map.
 */
@Singleton
public class JsonMapConverter implements AttributeConverter<Map<String, Object>, String> {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public String convertToPersistedValue(Map<String, Object> value, ConversionContext context) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map as JSON", e);
        }
    }

    @Override
    public Map<String, Object> convertToEntityValue(String text, ConversionContext context) {
        if (text == null) {
            return new LinkedHashMap<>();
        }
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON column is not a JSON object", e);
        }
    }
}
