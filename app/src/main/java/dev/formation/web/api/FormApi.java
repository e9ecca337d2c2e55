package dev.formation.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.metadata.MetadataHolder;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.core.NotFoundException;
import dev.formation.record.RecordValidator;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;
import java.util.Map;

/** {@code GET /api/forms} and {@code GET /api/forms/{form}} (definition and JSON Schema). */
@Controller("/api/forms")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class FormApi {

    private final MetadataHolder metadata;
    private final RecordValidator validator;

    public FormApi(MetadataHolder metadata, RecordValidator validator) {
        this.metadata = metadata;
        this.validator = validator;
    }

    @Get
    public List<Map<String, Object>> forms() {
        return catalog().forms().stream().map(FormDescriber::summary).toList();
    }

    @Get("/{form}")
    public Map<String, Object> form(String form) {
        Form f = find(form);
        Map<String, Object> out = FormDescriber.describe(f);
        out.put("schema", validator.schemaDocument(f));
        return out;
    }

    @Get("/{form}/schema")
    public JsonNode schema(String form) {
        return validator.schemaDocument(find(form));
    }

    private Form find(String key) {
        return catalog().form(key).orElseThrow(() -> NotFoundException.form(key));
    }

    private FormCatalog catalog() {
        return metadata.current().get(FormCatalog.class);
    }
}
