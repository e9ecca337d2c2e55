package dev.formation.form;

import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reference's {@code mustMatch} is compiled and checked against both forms, naming the file and path. */
class MustMatchCompilerTest {

    @TempDir
    Path overlay;

    private FormCatalog compile(String paymentOverlay) throws IOException {
        if (paymentOverlay != null) {
            Path file = overlay.resolve("forms/payment.yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, paymentOverlay, StandardCharsets.UTF_8);
        }
        return new FormCompiler(new MetadataLoader().load(null, overlay), Set.of("uscc")).compile();
    }

    private static String paymentDeal(String mustMatch) {
        return """
                kind: form
                key: payment
                label: {zh-CN: 回款}
                fields:
                  - {key: deal, type: reference, form: deal, label: {zh-CN: 关联成交}, mustMatch: %s}
                """.formatted(mustMatch);
    }

    @Test
    void theShippedPaymentsDealAgreesWithItsCustomer() throws IOException {
        Field deal = compile(null).form("payment").orElseThrow().field("deal").orElseThrow();
        assertEquals(new MustMatch("customer", "customer"), deal.mustMatch());
    }

    @Test
    void aFieldTheRecordDoesNotHaveIsRefused() {
        MetadataException e = assertThrows(MetadataException.class,
                () -> compile(paymentDeal("{field: buyer, via: customer}")));
        assertTrue(e.getMessage().contains("payment.yaml") && e.getMessage().contains("/mustMatch/field"), e.getMessage());
    }

    @Test
    void aFieldTheReferencedFormDoesNotHaveIsRefused() {
        MetadataException e = assertThrows(MetadataException.class,
                () -> compile(paymentDeal("{field: customer, via: buyer}")));
        assertTrue(e.getMessage().contains("/mustMatch/via") && e.getMessage().contains("'deal'"), e.getMessage());
    }

    @Test
    void fieldsOfDifferentKindsAreRefused() {
        MetadataException e = assertThrows(MetadataException.class,
                () -> compile(paymentDeal("{field: customer, via: amount}")));
        assertTrue(e.getMessage().contains("same kind of value"), e.getMessage());
    }
}
