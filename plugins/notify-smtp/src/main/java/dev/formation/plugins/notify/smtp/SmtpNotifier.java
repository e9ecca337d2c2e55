package dev.formation.plugins.notify.smtp;

import dev.formation.plugin.api.Notification;
import dev.formation.plugin.api.Notifier;
import dev.formation.plugin.api.NotifierException;
import java.time.Clock;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends each notification as one e-mail over a fresh connection. Nothing is kept between
 * calls: notifications are few, the engine retries failures itself, and a pooled connection
 * would only add a relay that timed out while idle to the list of failures.
 */
public final class SmtpNotifier implements Notifier {

    public static final String CHANNEL = "email";

    private final SmtpSettings settings;
    private final SSLSocketFactory tlsSockets;
    private final MessageWriter writer;

    SmtpNotifier(SmtpSettings settings) {
        this(settings, settings.startTls() ? (SSLSocketFactory) SSLSocketFactory.getDefault() : null,
                Clock.systemDefaultZone());
    }

    /** @param tlsSockets the JDK's default in production; tests pass one that trusts their own certificate */
    SmtpNotifier(SmtpSettings settings, SSLSocketFactory tlsSockets, Clock clock) {
        this.settings = settings;
        this.tlsSockets = tlsSockets;
        this.writer = new MessageWriter(settings.from(), clock);
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void send(Notification notification) throws NotifierException {
        Mailbox to = recipient(notification);
        if (Mailbox.hasLineBreak(notification.subject())) {
            throw new NotifierException("refusing a subject with a line break (it could forge headers)"
                    + " in the notification to " + notification.recipient());
        }
        String message = writer.write(to, notification.subject(), notification.body(), notification.link());
        try (SmtpSession session = SmtpSession.open(settings.host(), settings.port(), settings.timeoutMs())) {
            session.hello(settings.helo());
            if (settings.startTls()) {
                session.startTls(tlsSockets);
                session.hello(settings.helo());
            }
            if (settings.username() != null) {
                session.authenticate(settings.username(), settings.password());
            }
            session.mailFrom(settings.from().address());
            session.rcptTo(to.address());
            session.data(message);
            session.quit();
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
