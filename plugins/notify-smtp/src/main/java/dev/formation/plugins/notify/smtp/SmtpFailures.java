package dev.formation.plugins.notify.smtp;

import dev.formation.plugin.api.NotifierException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Turns what Jakarta Mail throws into the one line an administrator reads in the log: which
 * server, which command, and the server's reply quoted whole. Every failure is a
 * {@link NotifierException}, which the engine retries with back-off and then gives up on.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static NotifierException of(MessagingException e, NotifierTransport transport, SmtpSettings settings) {
        return new NotifierException(redact(message(e, transport, settings), settings.password()), e);
    }

    private static String message(MessagingException e, NotifierTransport transport, SmtpSettings settings) {
        String server = transport.server();
        if (e instanceof NotifierTransport.Refusal) {
            return e.getMessage();
        }
        if (e instanceof MailConnectException) {
            return "cannot connect to " + server + ": " + describe(rootCause(e));
        }
        if (transport.malformedReply() != null) {
            return server + ": not an SMTP reply: " + printable(transport.malformedReply());
        }
        if (cause(e, SocketTimeoutException.class) != null) {
            return server + " did not answer " + transport.waitingFor() + " within " + settings.timeoutMs() + " ms";
        }
        if (e instanceof AuthenticationFailedException) {
            return server + " answered " + transport.waitingFor() + " as " + settings.username() + " with "
                    + reply(e.getMessage());
        }
        String refused = refusal(e);
        if (refused != null) {
            return server + " answered " + refused;
        }
        IOException io = cause(e, IOException.class);
        if (io != null) {
            return server + ": " + transport.waitingFor() + " failed: " + describe(io);
        }
        if (transport.getLastReturnCode() > 0) {
            return server + " answered " + transport.waitingFor() + " with " + reply(transport.getLastServerResponse());
        }
        return server + ": " + e.getMessage();
    }

    /** {@code 451 first line text second line text}: one code, then the text of every line. */
    static String reply(String response) {
        if (response == null || response.length() < 3) {
            return printable(String.valueOf(response));
        }
        List<String> texts = new ArrayList<>();
        response.lines().forEach(line -> texts.add(line.length() > 4 ? line.substring(4) : ""));
        return printable(response.substring(0, 3) + " " + String.join(" ", texts)).strip();
    }

    static String describe(Throwable e) {
        if (e == null) {
            return "unknown reason";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    /**
     * {@code COMMAND with REPLY} for a refused MAIL, RCPT, DATA or message, which Jakarta Mail
     * may chain under a summary ("Invalid Addresses").
     */
    private static String refusal(MessagingException e) {
        for (Exception next = e; next != null;
             next = next instanceof MessagingException m ? m.getNextException() : null) {
            String command = next instanceof SMTPSendFailedException s ? s.getCommand()
                    : next instanceof SMTPAddressFailedException a ? a.getCommand() : null;
            if (command != null) {
                return (".".equals(command) ? "the message (end of DATA)" : command) + " with "
                        + reply(next.getMessage());
            }
        }
        return null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** A server may echo what it was sent; the password never reaches a log line. */
    private static String redact(String message, String password) {
        return password == null || password.isEmpty() ? message : message.replace(password, "***");
    }

    /** Control characters from the server must not reach a log line as they are. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.length() > 400 ? out.substring(0, 400) + "..." : out.toString();
    }
}
