package dev.formation.plugins.notify.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formation.plugin.api.Notifier;
import dev.formation.plugin.api.NotifierFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SmtpNotifierFactoryTest {

    private static Map<String, String> settings(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        map.put("host", "mail.example.com");
        map.put("from", "Formation <noreply@example.com>");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static IllegalArgumentException invalid(Map<String, String> settings) {
        return assertThrows(IllegalArgumentException.class, () -> new SmtpNotifierFactory().create(settings));
    }

    private static void assertNames(String key, Map<String, String> settings) {
        String message = invalid(settings).getMessage();
        assertTrue(message.contains("formation.notifiers.smtp." + key), message);
    }

    @Test
    void serviceLoaderFindsTheFactory() {
        List<NotifierFactory> factories = ServiceLoader.load(NotifierFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("smtp"))
                .collect(Collectors.toList());
        assertEquals(1, factories.size());
        assertTrue(factories.get(0) instanceof SmtpNotifierFactory);
    }

    @Test
    void noHostMeansNoNotifier() {
        assertEquals(Optional.empty(), new SmtpNotifierFactory().create(Map.of()));
        assertEquals(Optional.empty(), new SmtpNotifierFactory().create(Map.of("host", "  ", "from", "a@b.c")));
        assertEquals(Optional.empty(), new SmtpNotifierFactory().create(null));
    }

    @Test
    void createsAnEmailNotifierWithDefaults() {
        Optional<Notifier> notifier = new SmtpNotifierFactory().create(settings());
        assertTrue(notifier.isPresent());
        assertEquals("email", notifier.get().channel());

        SmtpSettings s = SmtpSettings.parse(settings()).orElseThrow();
        assertEquals("mail.example.com", s.host());
        assertEquals(25, s.port());
        assertEquals(10_000, s.timeoutMs());
        assertFalse(s.startTls());
        assertNull(s.username());
        assertNull(s.password());
        assertFalse(s.helo().isBlank());
        assertEquals("noreply@example.com", s.from().address());
        assertEquals("Formation", s.from().displayName());
    }

    @Test
    void readsEverySetting() {
        SmtpSettings s = SmtpSettings.parse(settings("port", " 587 ", "starttls", "TRUE", "username", "formation",
                "password", " pass word ", "timeout-ms", "2500", "helo", "app1.example.com",
                "from", "noreply@example.com")).orElseThrow();
        assertEquals(587, s.port());
        assertTrue(s.startTls());
        assertEquals("formation", s.username());
        assertEquals(" pass word ", s.password(), "a password keeps its spaces");
        assertEquals(2500, s.timeoutMs());
        assertEquals("app1.example.com", s.helo());
        assertEquals("noreply@example.com", s.from().address());
        assertNull(s.from().displayName());
    }

    @Test
    void readsQuotedAndNonAsciiSenderNames() {
        assertEquals("Formation, CRM",
                SmtpSettings.parse(settings("from", "\"Formation, CRM\" <crm@example.com>")).orElseThrow()
                        .from().displayName());
        assertEquals("销售管理平台",
                SmtpSettings.parse(settings("from", "销售管理平台 <crm@example.com>")).orElseThrow()
                        .from().displayName());
    }

    @Test
    void badPortIsRefusedNamingTheSetting() {
        for (String port : new String[] {"abc", "0", "65536", "-25", "25.0"}) {
            IllegalArgumentException e = invalid(settings("port", port));
            assertTrue(e.getMessage().contains("formation.notifiers.smtp.port"), e.getMessage());
            assertTrue(e.getMessage().contains(port), e.getMessage());
        }
    }

    @Test
    void otherBadSettingsAreRefusedNamingTheSetting() {
        Map<String, String> noFrom = settings();
        noFrom.remove("from");
        assertNames("from", noFrom);
        assertNames("from", settings("from", "noreply"));
        assertNames("from", settings("from", "Formation <noreply@example.com"));
        assertNames("from", settings("from", "a@example.com\r\nBcc: x@example.com"));
        assertNames("starttls", settings("starttls", "yes"));
        assertNames("timeout-ms", settings("timeout-ms", "0"));
        assertNames("timeout-ms", settings("timeout-ms", "10s"));
        assertNames("password", settings("username", "formation"));
        assertNames("username", settings("password", "secret"));
        assertNames("helo", settings("helo", "two words"));
        assertNames("host", settings("host", "mail example.com"));
    }

    @Test
    void theSettingsNeverPrintThePassword() {
        SmtpSettings s = SmtpSettings.parse(settings("username", "formation", "password", "hunter2")).orElseThrow();
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertTrue(s.toString().contains("formation"));
    }
}
