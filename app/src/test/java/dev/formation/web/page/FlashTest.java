package dev.formation.web.page;

import dev.formation.i18n.Texts;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The message cookie after a redirect: shown when this app signed it, ignored otherwise. */
class FlashTest {

    private final Flash flash = new Flash("a-secret-every-node-shares-0123456789");

    private Optional<String> read(Flash reader, String value) {
        return reader.message(value, Texts.ZH_CN);
    }

    @Test
    void aSignedMessageReadsInTheUsersLanguage() {
        String value = flash.cookie("deleted", "客户", "福州闽江科技有限公司").getValue();
        assertEquals(Optional.of("已删除客户“福州闽江科技有限公司”。"), read(flash, value));
        assertEquals(Optional.of("Deleted 客户 “福州闽江科技有限公司”."),
                flash.message(value, Locale.ENGLISH));
    }

    @Test
    void anotherNodeWithTheSameSecretReadsIt() {
        String value = flash.cookie("deleted", "客户", "甲").getValue();
        assertTrue(read(new Flash("a-secret-every-node-shares-0123456789"), value).isPresent());
        assertTrue(read(new Flash("another-secret"), value).isEmpty(), "another secret, another app");
    }

    @Test
    void aChangedOrMadeUpMessageIsIgnored() {
        String value = flash.cookie("deleted", "客户", "甲").getValue();
        String payload = value.substring(0, value.lastIndexOf('.'));
        String signature = value.substring(value.lastIndexOf('.') + 1);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "[\"page.flash.deleted\",\"请拨打 400\",\"x\"]".getBytes(StandardCharsets.UTF_8));
        assertTrue(read(flash, forged + "." + signature).isEmpty(), "another text under the same signature");
        assertTrue(read(flash, payload + ".x" + signature).isEmpty(), "a changed signature");
        assertTrue(read(flash, payload).isEmpty(), "no signature");
        assertTrue(read(flash, "").isEmpty());
    }

    @Test
    void aMessageWithoutATextShowsNothingRatherThanItsKey() {
        assertTrue(read(flash, flash.cookie("no_such_message", "客户").getValue()).isEmpty());
    }
}
