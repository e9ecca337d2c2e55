package dev.formation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formation.form.Field;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between record values as the API speaks them (strings for dates, lists, maps,
 * BigDecimal, Long, Boolean) and JDBC parameters and results. Lists such as multiselect
 * options and file ids are stored as JSON text.
 */
final class ValueCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ValueCodec() {
    }

    /** Column name → value to bind, for one field's value (an address spans three columns). */
    static Map<String, Object> toColumns(Field field, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        String key = field.key();
        switch (field.valueType()) {
            case ADDRESS -> {
                Map<?, ?> address = value instanceof Map<?, ?> m ? m : Map.of();
                out.put(key, address.get("text"));
                out.put(key + "_lng", decimal(address.get("lng")));
                out.put(key + "_lat", decimal(address.get("lat")));
            }
            case MULTISELECT, ATTACHMENT, IMAGE -> out.put(key, value == null ? null : json(value));
            case DATE -> out.put(key, value == null ? null : LocalDate.parse(value.toString()));
            case DATETIME -> out.put(key, value == null ? null : parseDateTime(value.toString()));
            case NUMBER, MONEY, PERCENT -> out.put(key, decimal(value));
            case INTEGER, REFERENCE -> out.put(key, value == null ? null : exactLong(value));
            default -> out.put(key, value);
        }
        return out;
    }

    static LocalDateTime parseDateTime(String text) {
        String iso = text.replace(' ', 'T');
        return LocalDateTime.parse(iso.length() == 16 ? iso + ":00" : iso);
    }

    static Object fromColumns(Field field, ResultSet rs) throws SQLException {
        String key = field.key();
        return switch (field.valueType()) {
            case ADDRESS -> {
                String text = rs.getString(key);
                BigDecimal lng = rs.getBigDecimal(key + "_lng");
                BigDecimal lat = rs.getBigDecimal(key + "_lat");
                if (text == null && lng == null && lat == null) {
                    yield null;
                }
                Map<String, Object> address = new LinkedHashMap<>();
                address.put("text", text);
                address.put("lng", lng);
                address.put("lat", lat);
                yield address;
            }
            case MULTISELECT, ATTACHMENT, IMAGE -> list(rs.getString(key));
            case DATE -> {
                LocalDate d = rs.getObject(key, LocalDate.class);
                yield d == null ? null : d.toString();
            }
            case DATETIME -> dateTime(rs, key);
            case NUMBER, MONEY, PERCENT -> rs.getBigDecimal(key);
            case INTEGER, REFERENCE -> {
                long v = rs.getLong(key);
                yield rs.wasNull() ? null : v;
            }
            case BOOLEAN -> {
                boolean v = rs.getBoolean(key);
                yield rs.wasNull() ? null : v;
            }
            default -> rs.getString(key);
        };
    }

    static String dateTime(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.withNano(0).toString();
    }

    static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof LocalDate || value instanceof LocalDateTime) {
            ps.setObject(index, value);
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof Integer i) {
            ps.setInt(index, i);
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else {
            ps.setString(index, value.toString());
        }
    }

    static void bindAll(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            bind(ps, i + 1, values.get(i));
        }
    }

    /** Never wraps: the record layer refuses whole numbers beyond BIGINT first, this is the last guard. */
    private static long exactLong(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        return new BigDecimal(value.toString()).longValueExact();
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store value as JSON", e);
        }
    }

    private static List<String> list(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<ArrayList<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored list is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
