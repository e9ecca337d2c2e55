package dev.formation.plugins.notify.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport with the few rules Jakarta Mail leaves lenient: a 4xx to EHLO is a
 * failure rather than a reason to try HELO, credentials on a server that offers no AUTH fail
 * instead of sending without logging in, and it remembers the command it is waiting on so an
 * error can name it (AUTH only by its mechanism, never with the credentials).
 */
final class NotifierTransport extends SMTPTransport {

    private final SmtpSettings settings;
    private String waitingFor = "the greeting";
    private String malformedReply;

    NotifierTransport(Session session, SmtpSettings settings) {
        super(session, new URLName("smtp", settings.host(), settings.port(), null, null, null));
        this.settings = settings;
    }

    /** What the server was last asked, as an error message may show it. */
    String waitingFor() {
        return waitingFor;
    }

    /** The first line of a reply that was not SMTP (an HTTP or TLS port), or null. */
    String malformedReply() {
        return malformedReply;
    }

    String server() {
        return "SMTP server " + settings.host() + ":" + settings.port();
    }

    @Override
    protected void sendCommand(String command) throws MessagingException {
        // "AUTH PLAIN <token>" carries the credentials: only the mechanism is kept
        String[] words = command.split(" ", 3);
        waitingFor = words[0].equals("AUTH") && words.length > 1 ? "AUTH " + words[1] : command;
        super.sendCommand(command);
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        int code = super.readServerResponse();
        String response = getLastServerResponse();
        if (code == -1 && response != null && !response.equals("[EOF]")) {
            malformedReply = response.lines().findFirst().orElse("");
        }
        return code;
    }

    @Override
    protected boolean ehlo(String domain) throws MessagingException {
        boolean accepted = super.ehlo(domain);
        int code = getLastReturnCode();
        if (!accepted && (code < 500 || code > 599)) {
            throw new Refusal(server() + " answered " + waitingFor + " with "
                    + SmtpFailures.reply(getLastServerResponse()));
        }
        if (accepted) {
            checkOffers();
        }
        return accepted;
    }

    @Override
    protected void helo(String domain) throws MessagingException {
        super.helo(domain);
        checkOffers();
    }

    @Override
    protected void startTLS() throws MessagingException {
        try {
            super.startTLS();
        } catch (MessagingException e) {
            if (getLastReturnCode() == 220 && e.getNextException() instanceof IOException handshake) {
                throw new Refusal(server() + ": the TLS handshake after STARTTLS failed: "
                        + SmtpFailures.describe(handshake), handshake);
            }
            throw e;
        }
    }

    /** Before TLS only STARTTLS matters; AUTH is judged on what the server offers inside TLS. */
    private void checkOffers() throws Refusal {
        if (settings.startTls() && !isSSL()) {
            if (!supportsExtension("STARTTLS")) {
                throw new Refusal(server() + " does not offer STARTTLS, which " + SmtpSettings.PREFIX
                        + "starttls=true requires");
            }
            return;
        }
        if (settings.username() != null && !supportsExtension("AUTH") && !supportsExtension("AUTH=LOGIN")) {
            throw new Refusal(server() + " does not offer AUTH, but " + SmtpSettings.PREFIX + "username is set"
                    + (isSSL() ? "" : " (many servers offer AUTH only after STARTTLS: set "
                    + SmtpSettings.PREFIX + "starttls=true)"));
        }
    }

    /** A failure this class found itself; its message is complete as it is. */
    static final class Refusal extends MessagingException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }

        Refusal(String message, Exception cause) {
            super(message, cause);
        }
    }
}
