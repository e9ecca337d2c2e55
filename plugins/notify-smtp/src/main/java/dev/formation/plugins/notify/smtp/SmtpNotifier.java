package dev.formation.plugins.notify.smtp;

import dev.formation.plugin.api.Notification;
import dev.formation.plugin.api.Notifier;
import dev.formation.plugin.api.NotifierException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends each notification as one e-mail over a fresh connection, through Jakarta Mail. Nothing
 * is kept between calls: notifications are few, the engine retries failures itself, and a
 * pooled connection would only add a relay that timed out while idle to the list of failures.
 */
public final class SmtpNotifier implements Notifier {

    public static final String CHANNEL = "email";

    private final SmtpSettings settings;
    private final Session session;
    private final MailMessages messages;

    SmtpNotifier(SmtpSettings settings) {
        this(settings, null, Clock.systemDefaultZone());
    }

    /** @param tlsSockets null for the JDK's default; tests pass one that trusts their own certificate */
    SmtpNotifier(SmtpSettings settings, SSLSocketFactory tlsSockets, Clock clock) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings, tlsSockets));
        this.messages = new MailMessages(settings.from(), clock);
    }

    private static Properties properties(SmtpSettings settings, SSLSocketFactory tlsSockets) {
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", String.valueOf(settings.port()));
        p.put("mail.smtp.connectiontimeout", String.valueOf(settings.timeoutMs()));
        p.put("mail.smtp.timeout", String.valueOf(settings.timeoutMs()));
        p.put("mail.smtp.localhost", settings.helo());
        p.put("mail.smtp.from", settings.from().address());
        p.put("mail.smtp.auth", String.valueOf(settings.username() != null));
        // PLAIN first: one round trip; Jakarta Mail's own order starts with LOGIN
        p.put("mail.smtp.auth.mechanisms", "PLAIN LOGIN");
        p.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        p.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
        // the server's name is checked against its certificate: without that STARTTLS only stops a passive listener
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        if (tlsSockets != null) {
            p.put("mail.smtp.ssl.socketFactory", tlsSockets);
        }
        return p;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    /** Only people with an address: the others get their notifications in the app (and other channels). */
    @Override
    public boolean reaches(Notification notification) {
        return !notification.email().isBlank();
    }

    @Override
    public void send(Notification notification) throws NotifierException {
        Mailbox to = recipient(notification);
        if (Mailbox.hasLineBreak(notification.subject())) {
            throw new NotifierException("refusing a subject with a line break (it could forge headers)"
                    + " in the notification to " + notification.recipient());
        }
        NotifierTransport transport = new NotifierTransport(session, settings);
        try {
            MimeMessage message = messages.write(session, to, notification.subject(), notification.body(),
                    notification.link());
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw SmtpFailures.of(e, transport, settings);
        } finally {
            close(transport);
        }
    }

    /**
     * Says goodbye, ignoring the answer: the message was accepted already, and failing here
     * would make the engine send it a second time.
     */
    private static void close(NotifierTransport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // the server may hang up without answering QUIT; nothing is lost
        }
    }

    /** Checked before connecting, so a bad address costs no round trip and forges no header. */
    private static Mailbox recipient(Notification notification) throws NotifierException {
        String user = notification.recipient();
        if (Mailbox.hasLineBreak(notification.email())) {
            throw new NotifierException("refusing an e-mail address with a line break (it could forge headers)"
                    + " in the notification to " + user);
        }
        String name = notification.recipientName();
        if (name != null && Mailbox.hasLineBreak(name)) {
            throw new NotifierException("refusing a recipient name with a line break (it could forge headers)"
                    + " in the notification to " + user);
        }
        try {
            return new Mailbox(notification.email().strip(), name);
        } catch (IllegalArgumentException e) {
            throw new NotifierException("cannot e-mail " + user + ": " + e.getMessage());
        }
    }
}
