package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Resources;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.formation.it.CustomerCreateIT.assertProblem400;
import static dev.formation.it.CustomerCreateIT.errorFields;
import static dev.formation.it.CustomerCreateIT.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A form's {@code noOverlap} without a message of its own (an overlay's probe form): the
 * platform's message names the record overlapped and its days, in both languages, on the
 * declared field; ranges that only touch the day after, or another group, pass.
 */
class NoOverlapIT extends AppTestBase {

    private static final String BOOKINGS = "/api/forms/probe_booking/records";

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.metadata-dir", Resources.folder("overlays/no-overlap").toString());
    }

    private static Map<String, Object> booking(String title, String room, LocalDate starts, LocalDate ends) {
        return Map.of("title", title, "room", room, "starts", starts.toString(), "ends", ends.toString());
    }

    @Test
    void theDefaultMessageNamesTheRecordOverlappedAndItsDays() {
        LocalDate day = today().plusYears(5);
        api.as("admin").post(BOOKINGS, booking("季度评审", "A101", day, day.plusDays(2))).expect(201);

        Api.Response en = api.as("admin").english().post(BOOKINGS, booking("培训", "A101", day.plusDays(2),
                day.plusDays(4)));
        assertProblem400(en);
        assertEquals(List.of("ends"), errorFields(en), en.body());
        assertEquals("Last day: the period overlaps \"季度评审\" (" + day + " to " + day.plusDays(2) + ")",
                message(en, "ends"));
        Api.Response zh = api.as("admin").post(BOOKINGS, booking("培训", "A101", day.minusDays(1), day));
        assertEquals("结束日期：与已有的“季度评审”（" + day + " 至 " + day.plusDays(2) + "）期间重叠", message(zh, "ends"));

        api.as("admin").post(BOOKINGS, booking("培训", "A101", day.plusDays(3), day.plusDays(4))).expect(201);
        api.as("admin").post(BOOKINGS, booking("培训", "B202", day, day.plusDays(4))).expect(201);
    }

    /** A client cannot check an overlap (it needs the other records), so the definition says what the server compares. */
    @Test
    void theFormsDefinitionNamesWhatTheServerCompares() {
        JsonNode rule = api.as("admin").get("/api/forms/probe_booking").expect(200).json().get("noOverlap").get(0);
        assertEquals("room", rule.get("per").get(0).asText(), rule.toString());
        assertEquals("starts", rule.get("start").asText(), rule.toString());
        assertEquals("ends", rule.get("end").asText(), rule.toString());
        assertEquals("ends", rule.get("field").asText(), rule.toString());
    }
}
