package dev.formation.plugins.notify.smtp.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One message as the client sent it, with its envelope and how it came (TLS, AUTH); its
 * headers and text are read by Jakarta Mail's parser.
 *
 * @param data the message as sent, dot-stuffing removed, CRLF line endings
 */
public record ReceivedMessage(String envelopeFrom, List<String> envelopeRecipients, String data,
                              String authenticatedUser, boolean tls) {

    /** The header lines as sent, still folded. */
    public List<String> headerLines() {
        int end = data.indexOf("\r\n\r\n");
        return List.of((end < 0 ? data : data.substring(0, end)).split("\r\n"));
    }

    /** The first header of that name, unfolded as RFC 5322 says (only the line breaks go), not decoded. */
    public String header(String name) {
        List<String> lines = headerLines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                StringBuilder value = new StringBuilder(line.substring(name.length() + 1));
                for (int j = i + 1; j < lines.size() && (lines.get(j).startsWith(" ") || lines.get(j).startsWith("\t")); j++) {
                    value.append(lines.get(j));
                }
                return value.toString().strip();
            }
        }
        return null;
    }

    public String decodedHeader(String name) {
        String value = header(name);
        return value == null ? null : decodeWords(value);
    }

    public String subject() {
        return decodedHeader("Subject");
    }

    /** The body, decoded from its transfer encoding and charset. */
    public String text() {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)));
            return (String) message.getContent();
        } catch (MessagingException e) {
            throw new IllegalStateException("not a MIME message: " + this, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 2047 encoded words decoded; each word on its own, so half a character shows as U+FFFD. */
    public static String decodeWords(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalArgumentException(value, e);
        }
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<>(List.of("from=" + envelopeFrom, "to=" + envelopeRecipients,
                "subject=" + subject()));
        return "ReceivedMessage" + shown;
    }
}
