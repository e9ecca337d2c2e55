package dev.formation.web.api;

import dev.formation.core.BadRequestException;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.core.NotFoundException;
import dev.formation.record.RecordService;
import dev.formation.record.ReferenceChoices;
import dev.formation.security.LoginService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/forms/{form}/fields/{field}/choices?match=&q=}: the records a reference field
 * may choose ({@code field} is {@code table.column} in a sub-table), as {@code [{id, title}]}.
 * For a field that must agree with another, {@code match} is that other field's value.
 */
@Controller("/api/forms/{form}/fields/{field}/choices")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReferenceChoicesApi {

    private final RecordService records;
    private final ReferenceChoices choices;

    public ReferenceChoicesApi(RecordService records, ReferenceChoices choices) {
        this.records = records;
        this.choices = choices;
    }

    @Get
    public List<Map<String, Object>> choices(String form, String field, @Nullable @QueryValue String match,
                                             @Nullable @QueryValue String q, Authentication authentication) {
        Form f = records.form(form);
        Field reference = reference(f, field);
        Object agreeWith = null;
        if (reference.mustMatch() != null && match != null && !match.isBlank()) {
            Field via = records.form(reference.referenceForm()).field(reference.mustMatch().via()).orElseThrow();
            agreeWith = ReferenceChoices.typed(via, match.trim())
                    .orElseThrow(() -> new BadRequestException("problem.badParam", "match", match));
        }
        List<String> keywords = q == null ? List.of()
                : Arrays.stream(q.trim().split("\\s+")).filter(k -> !k.isEmpty()).limit(10).toList();
        List<Map<String, Object>> out = new ArrayList<>();
        choices.choices(reference, agreeWith, keywords, LoginService.actor(authentication)).forEach((id, title) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("title", title);
            out.add(m);
        });
        return out;
    }

    /** A reference field the user could fill in: of the form, or {@code table.column} of one of its sub-tables. */
    private static Field reference(Form form, String path) {
        String[] parts = path.split("\\.", 2);
        Field field = form.field(parts[0]).orElse(null);
        if (field != null && parts.length == 2) {
            field = field.isTable() ? field.child(parts[1]) : null;
        }
        if (field == null || field.valueType() != FieldType.REFERENCE || field.isSystemSet()) {
            throw new NotFoundException("field " + form.key() + "." + path);
        }
        return field;
    }
}
