package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A list filter, page, size or sort that cannot be read is a 400 naming the parameter, on H2
 * and MariaDB alike, for every filterable field of every form (found from the form definitions).
 */
class ListFilterIT extends AppTestBase {

    /** Values no filter of a typed column can hold. */
    private static final Map<String, List<String>> JUNK = Map.of(
            "reference", List.of("abc", "1.5", "99999999999999999999", "1 OR 1=1"),
            "integer", List.of("abc", "1.5", "99999999999999999999"),
            "number", List.of("abc", "1e999999999", "1,5"),
            "money", List.of("abc", "NaN"),
            "percent", List.of("abc"),
            "date", List.of("abc", "2024-02-30", "2024-13-01", "0000-00-00"),
            "datetime", List.of("abc", "2024-01-01T25:00", "2024-01-01"),
            "boolean", List.of("abc", "yes"),
            "select", List.of("no_such_option"));

    @Test
    void theReportedCasesAre400sNamingTheParameter() {
        for (String query : List.of("customer=abc", "visit_time=abc")) {
            Api.Response r = api.as("admin").get("/api/forms/visit/records?" + query);
            assertEquals(400, r.status(), r.toString());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            JsonNode error = r.json().get("errors").get(0);
            assertEquals(query.substring(0, query.indexOf('=')), error.get("field").asText(), r.body());
        }
        Api.Response english = api.as("admin").english().get("/api/forms/visit/records?customer=abc");
        assertEquals("Filter customer is invalid: expected a whole number", english.json().get("title").asText());
    }

    @Test
    void everyTypedFilterOfEveryFormRefusesJunkWithA400() {
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        try (LogCapture log = new LogCapture()) {
            for (JsonNode listed : api.as("admin").get("/api/forms").expect(200).json()) {
                String form = listed.get("key").asText();
                JsonNode definition = api.as("admin").get("/api/forms/" + form).expect(200).json();
                for (JsonNode filter : definition.path("filters")) {
                    String column = filter.asText();
                    String type = typeOf(definition, column);
                    for (String junk : JUNK.getOrDefault(type, List.of())) {
                        tried++;
                        Api.Response r = api.as("admin").get("/api/forms/" + form + "/records?" + column + "="
                                + Customers.encode(junk));
                        if (r.status() != 400 || !column.equals(r.json().path("errors").path(0).path("field").asText())) {
                            wrong.add(form + "." + column + " (" + type + ") = " + junk + " -> " + r);
                        }
                    }
                }
            }
            assertEquals(List.of(), wrong);
            assertEquals(List.of(), log.errorsAndStackTraces());
        }
        assertTrue(tried > 40, "typed filters tried: " + tried);
    }

    @Test
    void aGoodTypedFilterStillFindsItsRows() {
        long id = create(Customers.valid(Customers.uniqueName("筛选"))).get("id").asLong();
        api.as("admin").get("/api/forms/visit/records?customer=" + id).expect(200);
        api.as("admin").get("/api/forms/visit/records?visit_time=2024-01-01%2010:00").expect(200);
        api.as("admin").get("/api/forms/daily_report/records?report_date=2024-01-01").expect(200);
        JsonNode none = api.as("admin").get("/api/forms/visit/records?customer=" + id).expect(200).json();
        assertEquals(0, none.get("total").asLong());
    }

    @Test
    void pageSizeAndSortJunkAre400sNamingTheParameter() {
        for (String query : List.of("page=abc", "page=0", "page=-1", "page=1.5", "page=99999999999",
                "size=abc", "size=0", "size=201", "size=99999999999", "sort=nosuch", "sort=-", "sort=,", "sort=name%20drop")) {
            Api.Response r = api.as("admin").get(RECORDS + "?" + query);
            assertEquals(400, r.status(), query + ": " + r);
            String parameter = query.substring(0, query.indexOf('='));
            assertEquals(parameter, r.json().path("errors").path(0).path("field").asText(), query + ": " + r.body());
        }
        JsonNode far = api.as("admin").get(RECORDS + "?page=2147483647&size=200").expect(200).json();
        assertEquals(0, far.get("items").size());
        api.as("admin").get("/api/tasks?page=2147483647&size=200").expect(200);
        api.as("admin").get("/api/audit?page=2147483647&size=200").expect(200);
    }

    private static String typeOf(JsonNode definition, String column) {
        for (JsonNode field : definition.path("fields")) {
            if (field.path("key").asText().equals(column)) {
                String type = field.path("type").asText();
                return type.equals("computed") ? field.path("resultType").asText() : type;
            }
        }
        return "platform";
    }
}
