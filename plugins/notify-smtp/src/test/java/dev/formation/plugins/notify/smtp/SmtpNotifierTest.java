package dev.formation.plugins.notify.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.smtp.commands.AuthCommand;
import dev.formation.plugin.api.Notification;
import dev.formation.plugin.api.NotifierException;
import dev.formation.plugins.notify.smtp.testing.GreenMailFront;
import dev.formation.plugins.notify.smtp.testing.ReceivedMessage;
import dev.formation.plugins.notify.smtp.testing.SelfSignedTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notifier against GreenMail behind {@link GreenMailFront}, which records the commands and
 * can refuse any of them: each test names what the server says and checks what the notifier
 * sent, or the one line it reports.
 */
class SmtpNotifierTest {

    private static final String SUBJECT = "您有一条待审批的任务：客户拜访报告";
    private static final String BODY = "李四，您好：\n张三提交了拜访报告，请尽快审批。\n谢谢";
    private static final String LINK = "https://crm.example.com/tasks/42";

    private static SelfSignedTls loopbackCertificate;

    private GreenMailFront server;

    @BeforeAll
    static void makeCertificate() {
        loopbackCertificate = SelfSignedTls.create("ip:127.0.0.1");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private static Notification notification(String subject, String body, String link) {
        return new Notification("lisi", "李四", "lisi@example.com", subject, body, link);
    }

    private static Notification chinese() {
        return notification(SUBJECT, BODY, LINK);
    }

    private Map<String, String> settings(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        map.put("host", server.host());
        map.put("port", String.valueOf(server.port()));
        map.put("from", "Formation <noreply@example.com>");
        map.put("timeout-ms", "5000");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static SmtpNotifier notifier(Map<String, String> settings) {
        return notifier(settings, null);
    }

    private static SmtpNotifier notifier(Map<String, String> settings, SSLSocketFactory tls) {
        return new SmtpNotifier(SmtpSettings.parse(settings).orElseThrow(), tls, Clock.systemDefaultZone());
    }

    private ReceivedMessage onlyMessage() {
        List<ReceivedMessage> messages = server.messages();
        assertEquals(1, messages.size(), messages.toString());
        return messages.get(0);
    }

    private List<String> verbs() {
        return server.commands().stream().map(c -> c.split(" ")[0]).collect(Collectors.toList());
    }

    @Test
    void deliversChineseSubjectBodyAndLink() throws Exception {
        server = GreenMailFront.start();
        new SmtpNotifierFactory().create(settings()).orElseThrow().send(chinese());

        ReceivedMessage m = onlyMessage();
        assertEquals("noreply@example.com", m.envelopeFrom());
        assertEquals(List.of("lisi@example.com"), m.envelopeRecipients());
        assertEquals(SUBJECT, m.subject());
        assertEquals(BODY.replace("\n", "\r\n") + "\r\n\r\n" + LINK + "\r\n", m.text());
        assertEquals("李四 <lisi@example.com>", m.decodedHeader("To"));
        assertTrue(m.header("To").startsWith("=?UTF-8?B?"), m.header("To"));
        assertEquals("Formation <noreply@example.com>", m.header("From"));
        assertEquals("1.0", m.header("MIME-Version"));
        assertEquals("text/plain; charset=UTF-8", m.header("Content-Type"));
        assertEquals("base64", m.header("Content-Transfer-Encoding"));
        assertTrue(m.header("Message-ID").matches("<[^@<>\\s]+@example\\.com>"), m.header("Message-ID"));
        ZonedDateTime date = ZonedDateTime.parse(m.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME);
        assertTrue(Duration.between(date.toInstant(), Instant.now()).abs().getSeconds() < 60, m.header("Date"));
        assertNull(m.authenticatedUser());
        assertEquals(List.of("EHLO", "MAIL", "RCPT", "DATA", "QUIT"), verbs());
    }

    @Test
    void everyLineIsSevenBitAndAtMost76Characters() throws Exception {
        server = GreenMailFront.start();
        String longBody = "很长的一行".repeat(100) + "\n" + "x".repeat(500);
        notifier(settings()).send(notification(SUBJECT.repeat(5), longBody, LINK));

        ReceivedMessage m = onlyMessage();
        for (String line : m.data().split("\r\n")) {
            assertTrue(line.length() <= 76, line);
            assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f), line);
        }
        assertEquals(longBody.replace("\n", "\r\n") + "\r\n\r\n" + LINK + "\r\n", m.text());
    }

    @Test
    void aLongSubjectIsSplitBetweenCharactersNeverInsideOne() throws Exception {
        server = GreenMailFront.start();
        // three- and four-byte characters (the emoji is a surrogate pair in Java) at every offset
        String subject = "审批😀通过ab".repeat(20);
        notifier(settings()).send(notification(subject, "正文", null));

        ReceivedMessage m = onlyMessage();
        List<String> subjectLines = m.headerLines().stream()
                .dropWhile(l -> !l.startsWith("Subject:"))
                .takeWhile(l -> l.startsWith("Subject:") || l.startsWith(" "))
                .collect(Collectors.toList());
        assertTrue(subjectLines.size() > 3, subjectLines.toString());
        for (String line : subjectLines) {
            assertTrue(line.length() <= 76, line);
            for (String word : line.replace("Subject:", "").trim().split(" ")) {
                assertTrue(word.length() <= 75 && word.startsWith("=?UTF-8?B?") && word.endsWith("?="), word);
                // each word must hold whole characters: decoding it alone must succeed
                assertFalse(ReceivedMessage.decodeWords(word).contains("\uFFFD"), word);
            }
        }
        assertEquals(subject, m.subject());
        assertEquals("正文", m.text());
    }

    @Test
    void anAsciiSubjectStaysReadableAndIsFoldedAtSpaces() throws Exception {
        server = GreenMailFront.start();
        String longSubject = "Approval  needed for the quarterly visit report of the key account team East, "
                + "submitted by sales1 on behalf of leader1";
        notifier(settings()).send(notification("Approval needed", "Hello", null));
        notifier(settings()).send(notification(longSubject, "Hello", null));

        assertEquals("Approval needed", server.messages().get(0).header("Subject"));
        ReceivedMessage folded = server.messages().get(1);
        assertEquals(longSubject, folded.header("Subject"), "unfolding gives back the same text, double space too");
        assertTrue(folded.headerLines().stream().allMatch(l -> l.length() <= 76));
        assertTrue(folded.headerLines().stream().anyMatch(l -> l.startsWith(" ")), "was folded");
    }

    @Test
    void textThatLooksLikeAnEncodedWordIsEncodedItself() throws Exception {
        server = GreenMailFront.start();
        notifier(settings()).send(notification("=?UTF-8?B?5L2g?= is not me", "x", null));
        assertEquals("=?UTF-8?B?5L2g?= is not me", onlyMessage().subject());
    }

    @Test
    void asciiDisplayNamesAreQuotedWhenTheyNeedIt() throws Exception {
        server = GreenMailFront.start();
        notifier(settings("from", "\"Formation, CRM\" <crm@example.com>"))
                .send(new Notification("lisi", "Li \"Si\"", "lisi@example.com", "s", "b", null));
        notifier(settings()).send(new Notification("lisi", null, "lisi@example.com", "s", "b", null));

        assertEquals("\"Formation, CRM\" <crm@example.com>", server.messages().get(0).header("From"));
        assertEquals("\"Li \\\"Si\\\"\" <lisi@example.com>", server.messages().get(0).header("To"));
        assertEquals("lisi@example.com", server.messages().get(1).header("To"));
    }

    @Test
    void anInternationalisedDomainTravelsInItsAsciiForm() throws Exception {
        server = GreenMailFront.start();
        notifier(settings()).send(new Notification("lisi", "李四", "lisi@例子.中国", "s", "b", null));
        assertEquals(List.of("lisi@xn--fsqu00a.xn--fiqs8s"), onlyMessage().envelopeRecipients());
    }

    @Test
    void bodyLinesStartingWithADotSurvive() throws Exception {
        server = GreenMailFront.start();
        String body = ".\n.hidden\n..two dots\nend.";
        notifier(settings()).send(notification("dots", body, null));
        assertEquals(body.replace("\n", "\r\n"), onlyMessage().text());
    }

    @Test
    void withoutALinkTheBodyIsLeftAsItIs() throws Exception {
        server = GreenMailFront.start();
        notifier(settings()).send(notification("s", "one\ntwo\n", null));
        assertEquals("one\r\ntwo\r\n", onlyMessage().text());
    }

    @Test
    void authenticatesWithPlainWhenAUsernameIsSet() throws Exception {
        server = GreenMailFront.builder().user("formation", "s3cret 密码").start();
        notifier(settings("username", "formation", "password", "s3cret 密码")).send(chinese());

        assertEquals("formation", onlyMessage().authenticatedUser());
        assertEquals(List.of("EHLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"), verbs());
        assertTrue(server.commands().get(1).startsWith("AUTH PLAIN "));
    }

    @Test
    void authenticatesWithLoginWhenOnlyLoginIsOffered() throws Exception {
        server = GreenMailFront.builder().user("formation", "s3cret").authMechanisms("LOGIN").start();
        notifier(settings("username", "formation", "password", "s3cret")).send(chinese());

        assertEquals("formation", onlyMessage().authenticatedUser());
        assertEquals("AUTH LOGIN", server.commands().get(1));
    }

    @Test
    void doesNotAuthenticateWithoutAUsername() throws Exception {
        server = GreenMailFront.start();
        notifier(settings()).send(chinese());
        assertFalse(verbs().contains("AUTH"));
    }

    @Test
    void aRefusedPasswordIsReportedWithoutThePassword() {
        for (String mechanism : new String[] {"PLAIN", "LOGIN"}) {
            stopServer();
            server = GreenMailFront.builder().user("formation", "right").authMechanisms(mechanism).start();
            NotifierException e = assertThrows(NotifierException.class,
                    () -> notifier(settings("username", "formation", "password", "wrong-pass")).send(chinese()));
            assertTrue(e.getMessage().contains(AuthCommand.AUTH_CREDENTIALS_INVALID), e.getMessage());
            assertTrue(e.getMessage().contains("AUTH " + mechanism), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-pass"), e.getMessage());
            assertFalse(e.getMessage().contains(base64("wrong-pass")), e.getMessage());
            assertFalse(e.getMessage().contains(base64("\0formation\0wrong-pass")), e.getMessage());
            assertTrue(server.messages().isEmpty());
        }
    }

    @Test
    void credentialsWithoutAuthOnTheServerAreAnError() {
        server = GreenMailFront.start();
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier(settings("username", "formation", "password", "s3cret")).send(chinese()));
        assertTrue(e.getMessage().contains("does not offer AUTH"), e.getMessage());
        assertTrue(e.getMessage().contains("starttls"), e.getMessage());
        assertTrue(server.messages().isEmpty());
    }

    @Test
    void aRejectedRecipientFailsWithTheServersReply() {
        server = GreenMailFront.builder()
                .failOn("RCPT", "550 5.1.1 <lisi@example.com>: Recipient address rejected: User unknown")
                .start();
        NotifierException e = assertThrows(NotifierException.class, () -> notifier(settings()).send(chinese()));

        assertTrue(e.getMessage().contains("RCPT TO:<lisi@example.com>"), e.getMessage());
        assertTrue(e.getMessage().contains("550 5.1.1 <lisi@example.com>: Recipient address rejected: User unknown"),
                e.getMessage());
        assertTrue(server.messages().isEmpty());
        assertEquals("QUIT", server.commands().get(server.commands().size() - 1), "still says goodbye");
    }

    @Test
    void aMultiLineRejectionIsQuotedWhole() {
        server = GreenMailFront.builder()
                .failOn("MAIL", "451-4.3.0 Temporary lookup failure\n451-4.3.0 try again later\n451 4.3.0 (queue full)")
                .start();
        NotifierException e = assertThrows(NotifierException.class, () -> notifier(settings()).send(chinese()));
        assertTrue(e.getMessage().contains("MAIL FROM:<noreply@example.com>"), e.getMessage());
        assertTrue(e.getMessage().contains(
                "451 4.3.0 Temporary lookup failure 4.3.0 try again later 4.3.0 (queue full)"), e.getMessage());
    }

    @Test
    void aMessageRefusedAfterItsDataFails() {
        server = GreenMailFront.builder().failOn("MESSAGE", "554 5.6.0 Message content rejected").start();
        NotifierException e = assertThrows(NotifierException.class, () -> notifier(settings()).send(chinese()));
        assertTrue(e.getMessage().contains("end of DATA"), e.getMessage());
        assertTrue(e.getMessage().contains("554 5.6.0 Message content rejected"), e.getMessage());
    }

    @Test
    void fallsBackToHeloWhenEhloIsRefused() throws Exception {
        server = GreenMailFront.builder().failOn("EHLO", "502 5.5.2 Command not recognized").start();
        notifier(settings("helo", "app1.example.com")).send(chinese());

        assertEquals(SUBJECT, onlyMessage().subject());
        assertEquals(List.of("EHLO app1.example.com", "HELO app1.example.com"), server.commands().subList(0, 2));
    }

    @Test
    void aTemporaryEhloFailureIsNotRetriedAsHelo() {
        server = GreenMailFront.builder()
                .failOn("EHLO", "421 4.3.2 System not accepting network messages")
                .start();
        NotifierException e = assertThrows(NotifierException.class, () -> notifier(settings()).send(chinese()));
        assertTrue(e.getMessage().contains("421 4.3.2 System not accepting network messages"), e.getMessage());
        assertFalse(verbs().contains("HELO"));
    }

    @Test
    void aRefusedConnectionFails() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Map<String, String> settings = Map.of("host", "127.0.0.1", "port", String.valueOf(port),
                "from", "noreply@example.com");
        NotifierException e = assertThrows(NotifierException.class, () -> notifier(settings).send(chinese()));
        assertTrue(e.getMessage().contains("cannot connect to SMTP server 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket socket = silent.accept()) {
                    // says nothing, and holds the connection until the client gives up
                    socket.getInputStream().readAllBytes();
                } catch (IOException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, String> settings = Map.of("host", "127.0.0.1", "port", String.valueOf(silent.getLocalPort()),
                    "from", "noreply@example.com", "timeout-ms", "300");
            long start = System.nanoTime();
            NotifierException e = assertThrows(NotifierException.class, () -> notifier(settings).send(chinese()));
            assertTrue(e.getMessage().contains("did not answer the greeting within 300 ms"), e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4_000);
        }
    }

    @Test
    void somethingThatIsNotAnSmtpServerFails() throws Exception {
        try (ServerSocket http = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket socket = http.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    // holds the connection until the client gives up
                    socket.getInputStream().readAllBytes();
                } catch (IOException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, String> settings = Map.of("host", "127.0.0.1", "port", String.valueOf(http.getLocalPort()),
                    "from", "noreply@example.com");
            NotifierException e = assertThrows(NotifierException.class, () -> notifier(settings).send(chinese()));
            assertTrue(e.getMessage().contains("not an SMTP reply: HTTP/1.1 400 Bad Request"), e.getMessage());
        }
    }

    @Test
    void lineBreaksInHeadersAreRefusedBeforeConnecting() {
        server = GreenMailFront.start();
        SmtpNotifier notifier = notifier(settings());
        List<Notification> forged = List.of(
                notification("Hello\r\nBcc: victim@example.com", "b", null),
                notification("Hello\nBcc: victim@example.com", "b", null),
                new Notification("lisi", "李四", "lisi@example.com\r\nBcc: victim@example.com", "s", "b", null),
                new Notification("lisi", "Li\rBcc: victim@example.com", "lisi@example.com", "s", "b", null));
        for (Notification n : forged) {
            NotifierException e = assertThrows(NotifierException.class, () -> notifier.send(n));
            assertTrue(e.getMessage().contains("line break"), e.getMessage());
        }
        assertTrue(server.commands().isEmpty(), "no connection was made");
    }

    @Test
    void anInvalidAddressIsRefusedBeforeConnecting() {
        server = GreenMailFront.start();
        for (String email : new String[] {"lisi", "lisi@", "li si@example.com", "<lisi@example.com>",
                "lisi@example.com>, x@evil.com"}) {
            NotifierException e = assertThrows(NotifierException.class,
                    () -> notifier(settings()).send(new Notification("lisi", "李四", email, "s", "b", null)));
            assertTrue(e.getMessage().contains("cannot e-mail lisi"), e.getMessage());
        }
        assertTrue(server.commands().isEmpty());
    }

    @Test
    void startTlsUpgradesThenSaysEhloAgainAndAuthenticates() throws Exception {
        server = GreenMailFront.builder()
                .startTls(loopbackCertificate.serverContext())
                .user("formation", "s3cret")
                .start();
        notifier(settings("starttls", "true", "username", "formation", "password", "s3cret"),
                loopbackCertificate.trustingClientFactory()).send(chinese());

        ReceivedMessage m = onlyMessage();
        assertTrue(m.tls());
        assertEquals("formation", m.authenticatedUser());
        assertEquals(SUBJECT, m.subject());
        assertEquals(List.of("EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"), verbs());
    }

    @Test
    void startTlsThatTheServerDoesNotOfferFails() {
        server = GreenMailFront.start();
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier(settings("starttls", "true"), loopbackCertificate.trustingClientFactory())
                        .send(chinese()));
        assertTrue(e.getMessage().contains("does not offer STARTTLS"), e.getMessage());
        assertFalse(verbs().contains("MAIL"), "nothing goes out in clear text");
    }

    @Test
    void anUntrustedCertificateFails() {
        server = GreenMailFront.builder().startTls(loopbackCertificate.serverContext()).start();
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier(settings("starttls", "true"), (SSLSocketFactory) SSLSocketFactory.getDefault())
                        .send(chinese()));
        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        assertTrue(server.messages().isEmpty());
        assertFalse(verbs().contains("MAIL"));
    }

    @Test
    void aCertificateForAnotherHostFails() {
        SelfSignedTls otherHost = SelfSignedTls.create("dns:mail.example.com");
        server = GreenMailFront.builder().startTls(otherHost.serverContext()).start();
        NotifierException e = assertThrows(NotifierException.class,
                () -> notifier(settings("starttls", "true"), otherHost.trustingClientFactory()).send(chinese()));
        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        assertTrue(server.messages().isEmpty());
    }

    @Test
    void theDateHeaderFollowsRfc5322() throws Exception {
        server = GreenMailFront.start();
        Clock clock = Clock.fixed(Instant.parse("2024-03-05T01:02:03Z"), ZoneId.of("Asia/Shanghai"));
        new SmtpNotifier(SmtpSettings.parse(settings()).orElseThrow(), null, clock).send(chinese());
        assertEquals("Tue, 5 Mar 2024 09:02:03 +0800", onlyMessage().header("Date"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
