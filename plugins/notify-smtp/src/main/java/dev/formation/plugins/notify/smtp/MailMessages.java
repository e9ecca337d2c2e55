package dev.formation.plugins.notify.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Turns a notification into a MIME message that is 7-bit ASCII in lines of at most 76
 * characters, so no relay has to convert or re-wrap it whether or not it offers 8BITMIME:
 * headers that need more than ASCII become encoded words, and the body is base64.
 */
final class MailMessages {

    private static final String UTF_8 = "UTF-8";
    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private final Mailbox from;
    private final Clock clock;

    MailMessages(Mailbox from, Clock clock) {
        this.from = from;
        this.clock = clock;
    }

    /** The caller has already checked that {@code subject} holds no line break. */
    MimeMessage write(Session session, Mailbox to, String subject, String body, String link)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            /** Jakarta Mail's default names the JVM's user and host; this one names the sender's domain. */
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + from.domain() + ">");
            }
        };
        // Jakarta Mail would write the JVM's zone and a comment; the date follows the injected clock
        message.setHeader("Date", RFC_5322_DATE.format(ZonedDateTime.now(clock)));
        message.setHeader("From", MimeUtility.fold("From: ".length(), address(from).toString()));
        message.setHeader("To", MimeUtility.fold("To: ".length(), address(to).toString()));
        message.setHeader("Subject", MimeUtility.fold("Subject: ".length(), unstructured(subject)));
        message.setText(bodyText(body, link), UTF_8);
        message.setHeader("Content-Transfer-Encoding", "base64");
        message.saveChanges();
        return message;
    }

    /** The body with the engine's {@code \n} lines turned into CRLF, and the link under it. */
    static String bodyText(String body, String link) {
        String text = body.replace("\r\n", "\n").replace('\r', '\n');
        if (link != null) {
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == '\n') {
                end--;
            }
            text = text.substring(0, end) + (end > 0 ? "\n\n" : "") + link.strip() + "\n";
        }
        return text.replace("\n", "\r\n");
    }

    /**
     * ASCII text stays readable, except text holding {@code =?}, which a client would try to
     * decode; Jakarta Mail leaves ASCII alone, so that text is cut into encoded words here
     * (45 ASCII bytes make a 72-character word, under RFC 2047's 75).
     */
    private static String unstructured(String text) throws MessagingException {
        if (!text.contains("=?") || !StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            try {
                return MimeUtility.encodeText(text, UTF_8, "B");
            } catch (UnsupportedEncodingException e) {
                throw new MessagingException("UTF-8 is missing from this JVM", e);
            }
        }
        StringJoiner words = new StringJoiner(" ");
        for (int i = 0; i < text.length(); i += 45) {
            byte[] chunk = text.substring(i, Math.min(text.length(), i + 45)).getBytes(StandardCharsets.US_ASCII);
            words.add("=?UTF-8?B?" + Base64.getEncoder().encodeToString(chunk) + "?=");
        }
        return words.toString();
    }

    private static InternetAddress address(Mailbox mailbox) throws MessagingException {
        try {
            return new InternetAddress(mailbox.address(), mailbox.displayName(), UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is missing from this JVM", e);
        }
    }
}
