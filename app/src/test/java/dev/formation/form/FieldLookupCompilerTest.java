package dev.formation.form;

import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A field's {@code lookup} is checked by the meta-schema and against the form's fields, naming the file and path. */
class FieldLookupCompilerTest {

    @TempDir
    Path overlay;

    private FormCatalog compile(String customerOverlay) throws IOException {
        if (customerOverlay != null) {
            Path file = overlay.resolve("forms/customer.yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, customerOverlay, StandardCharsets.UTF_8);
        }
        return new FormCompiler(new MetadataLoader().load(null, overlay), Set.of("uscc")).compile();
    }

    private static String nameLookup(String lookup) {
        return """
                kind: form
                key: customer
                fields:
                  - {key: name, type: text, label: {zh-CN: 名称}, lookup: %s}
                """.formatted(lookup);
    }

    @Test
    void theShippedNameFieldFillsTheRegistrationDetails() throws IOException {
        FieldLookup lookup = compile(null).form("customer").orElseThrow().field("name").orElseThrow().lookup();
        assertEquals(FieldLookup.COMPANY, lookup.source());
        assertEquals(List.of("uscc"), lookup.fill().get("creditCode"));
        assertEquals(List.of("reg_address", "mail_address"), lookup.fill().get("address"));
        assertEquals(List.of("industry"), lookup.fill().get("industryCode"));
    }

    @Test
    void aFieldTheFormDoesNotHaveIsRefused() {
        MetadataException e = assertThrows(MetadataException.class,
                () -> compile(nameLookup("{source: company, fill: {creditCode: tax_no}}")));
        assertTrue(e.getMessage().contains("customer.yaml") && e.getMessage().contains("/lookup/fill/creditCode")
                && e.getMessage().contains("tax_no"), e.getMessage());
    }

    @Test
    void aFieldFilledTwiceOrAGeneratedOneIsRefused() {
        MetadataException twice = assertThrows(MetadataException.class,
                () -> compile(nameLookup("{source: company, fill: {address: reg_address, status: [reg_address]}}")));
        assertTrue(twice.getMessage().contains("filled twice"), twice.getMessage());
        MetadataException generated = assertThrows(MetadataException.class,
                () -> compile(nameLookup("{source: company, fill: {creditCode: code}}")));
        assertTrue(generated.getMessage().contains("'code'"), generated.getMessage());
    }

    @Test
    void anUnknownAttributeOrSourceBreaksTheMetaSchema() {
        MetadataException attribute = assertThrows(MetadataException.class,
                () -> compile(nameLookup("{source: company, fill: {taxNumber: uscc}}")));
        assertTrue(attribute.getMessage().contains("/lookup"), attribute.getMessage());
        assertThrows(MetadataException.class, () -> compile(nameLookup("{source: people, fill: {name: name}}")));
    }
}
