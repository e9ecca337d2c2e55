package dev.formation.plugins.notify.smtp.testing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message as {@link InProcessSmtpServer} received it: the envelope, how the client got
 * there (AUTH, TLS) and the data with dot-stuffing undone. The decoding helpers are written
 * from the RFCs independently of the notifier's encoder, and decode each encoded word on its
 * own, so a word cut inside a UTF-8 sequence shows up as a wrong string here.
 */
public final class ReceivedMessage {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");
    /** White space between two encoded words is not part of the text (RFC 2047 section 6.2). */
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");

    private final String envelopeFrom;
    private final List<String> envelopeRecipients;
    private final String data;
    private final String authenticatedUser;
    private final boolean tls;

    ReceivedMessage(String envelopeFrom, List<String> envelopeRecipients, String data, String authenticatedUser,
                    boolean tls) {
        this.envelopeFrom = envelopeFrom;
        this.envelopeRecipients = List.copyOf(envelopeRecipients);
        this.data = data;
        this.authenticatedUser = authenticatedUser;
        this.tls = tls;
    }

    /** The address of MAIL FROM. */
    public String envelopeFrom() {
        return envelopeFrom;
    }

    /** The addresses of the accepted RCPT TO commands. */
    public List<String> envelopeRecipients() {
        return envelopeRecipients;
    }

    /** The message as sent, CRLF line endings, after removing the dots DATA added. */
    public String data() {
        return data;
    }

    /** The user that authenticated on this connection, or null. */
    public String authenticatedUser() {
        return authenticatedUser;
    }

    /** Whether the message came over a connection upgraded with STARTTLS. */
    public boolean tls() {
        return tls;
    }

    /** The header lines as sent, still folded. */
    public List<String> headerLines() {
        int end = data.indexOf("\r\n\r\n");
        String section = end < 0 ? data : data.substring(0, end);
        return List.of(section.split("\r\n"));
    }

    /** The first header of that name, unfolded but not decoded; null when absent. */
    public String header(String name) {
        String unfolded = String.join("\r\n", headerLines()).replace("\r\n ", " ").replace("\r\n\t", "\t");
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : unfolded.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        return null;
    }

    /** The header with its RFC 2047 encoded words decoded; null when absent. */
    public String decodedHeader(String name) {
        String value = header(name);
        return value == null ? null : decodeWords(value);
    }

    public String subject() {
        return decodedHeader("Subject");
    }

    /** The body, decoded by its Content-Transfer-Encoding and charset, with CRLF line endings. */
    public String text() {
        int start = data.indexOf("\r\n\r\n");
        String body = start < 0 ? "" : data.substring(start + 4);
        String contentType = header("Content-Type");
        Charset charset = StandardCharsets.US_ASCII;
        if (contentType != null) {
            Matcher m = Pattern.compile("charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE).matcher(contentType);
            if (m.find()) {
                charset = Charset.forName(m.group(1));
            }
        }
        String encoding = header("Content-Transfer-Encoding");
        if (encoding == null || encoding.equalsIgnoreCase("7bit") || encoding.equalsIgnoreCase("8bit")) {
            return body;
        }
        if (encoding.equalsIgnoreCase("base64")) {
            return new String(Base64.getMimeDecoder().decode(body), charset);
        }
        throw new IllegalStateException("no decoder here for Content-Transfer-Encoding " + encoding);
    }

    /** Decodes every encoded word in a header value, each one on its own. */
    public static String decodeWords(String value) {
        String joined = BETWEEN_WORDS.matcher(value).replaceAll("$1$2");
        Matcher m = ENCODED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(joined, last, m.start());
            Charset charset = Charset.forName(m.group(1));
            byte[] bytes = m.group(2).equalsIgnoreCase("B")
                    ? Base64.getDecoder().decode(m.group(3))
                    : decodeQ(m.group(3));
            try {
                // strict: a word holding half a character fails here instead of showing U+FFFD
                out.append(charset.newDecoder().decode(ByteBuffer.wrap(bytes)));
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("the encoded word " + m.group() + " is not whole " + charset, e);
            }
            last = m.end();
        }
        return out.append(joined.substring(last)).toString();
    }

    private static byte[] decodeQ(String text) {
        List<Byte> bytes = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                bytes.add((byte) ' ');
            } else if (c == '=') {
                bytes.add((byte) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.add((byte) c);
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return "ReceivedMessage[from=" + envelopeFrom + ", to=" + envelopeRecipients + ", auth=" + authenticatedUser
                + ", tls=" + tls + "]";
    }
}
