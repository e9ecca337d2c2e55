package dev.formation.plugins.notify.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.formation.plugin.api.Notification;
import dev.formation.plugin.api.NotifierException;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same client against GreenMail, a server written by others, with the received messages
 * parsed by Jakarta Mail: a misreading of the RFCs shared by the notifier and our own test
 * server would pass the other tests but not these.
 */
class SmtpNotifierGreenMailTest {

    private GreenMail greenMail;

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        greenMail.setUser("noreply@example.com", "formation", "s3cret 密码");
    }

    @AfterEach
    void stopGreenMail() {
        greenMail.stop();
    }

    private Map<String, String> settings(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        map.put("host", greenMail.getSmtp().getBindTo());
        map.put("port", String.valueOf(greenMail.getSmtp().getPort()));
        map.put("from", "销售管理平台 <noreply@example.com>");
        map.put("timeout-ms", "5000");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private MimeMessage onlyMessage() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(1, received.length);
        return received[0];
    }

    @Test
    void jakartaMailReadsSubjectBodyLinkAndNames() throws Exception {
        String subject = "您有一条待审批的任务：客户拜访报告😀";
        String body = "李四，您好：\n.这一行以点开头\n请尽快审批。";
        String link = "https://crm.example.com/tasks/42";
        new SmtpNotifierFactory().create(settings()).orElseThrow()
                .send(new Notification("lisi", "李四", "lisi@example.com", subject, body, link));

        MimeMessage m = onlyMessage();
        assertEquals(subject, m.getSubject());
        assertEquals((body + "\n\n" + link + "\n").replace("\n", "\r\n"), m.getContent());
        assertTrue(m.getContentType().startsWith("text/plain; charset=UTF-8"), m.getContentType());
        assertEquals("base64", m.getEncoding());
        InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
        assertEquals("李四", to.getPersonal());
        assertEquals("lisi@example.com", to.getAddress());
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertEquals("销售管理平台", from.getPersonal());
        assertEquals("noreply@example.com", from.getAddress());
        assertNotNull(m.getMessageID());
        assertTrue(Duration.between(m.getSentDate().toInstant(), Instant.now()).abs().getSeconds() < 60);
    }

    @Test
    void jakartaMailReadsALongSubjectSplitIntoManyWords() throws Exception {
        String subject = "审批😀通过ab".repeat(30);
        new SmtpNotifierFactory().create(settings()).orElseThrow()
                .send(new Notification("lisi", "李四".repeat(40), "lisi@example.com", subject, "正文", null));
        MimeMessage m = onlyMessage();
        assertEquals(subject, m.getSubject());
        assertEquals("李四".repeat(40), ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getPersonal());
    }

    @Test
    void authenticatesAgainstGreenMail() throws Exception {
        new SmtpNotifierFactory().create(settings("username", "formation", "password", "s3cret 密码")).orElseThrow()
                .send(new Notification("lisi", "李四", "lisi@example.com", "s", "b", null));
        assertEquals("s", onlyMessage().getSubject());
    }

    @Test
    void greenMailRefusesAWrongPassword() {
        NotifierException e = assertThrows(NotifierException.class,
                () -> new SmtpNotifierFactory().create(settings("username", "formation", "password", "wrong-pass"))
                        .orElseThrow().send(new Notification("lisi", "李四", "lisi@example.com", "s", "b", null)));
        assertTrue(e.getMessage().contains("535"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pass"), e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void greenMailOffersNoStartTls() {
        NotifierException e = assertThrows(NotifierException.class,
                () -> new SmtpNotifierFactory().create(settings("starttls", "true"))
                        .orElseThrow().send(new Notification("lisi", "李四", "lisi@example.com", "s", "b", null)));
        assertTrue(e.getMessage().contains("does not offer STARTTLS"), e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }
}
